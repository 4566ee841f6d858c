using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CleanLedger.Admin.Tests;

/// <summary>What a browser does on the Admin: keep cookies, sign in through the form, read pages.</summary>
public static class AdminBrowser
{
    public static HttpClient Client(AdminFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task SignInAsync(HttpClient client)
    {
        var form = await GetPageAsync(client, "/account/login");
        var token = ((IHtmlInputElement)form.QuerySelector("input[name=__RequestVerificationToken]")!).Value;

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/organizations");
    }

    public static async Task<IHtmlDocument> GetPageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }
}
