using CleanLedger.Admin.Hosting;
using CleanLedger.Application.Common.Behaviors;
using CleanLedger.Infrastructure;
using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication.Cookies;

var builder = CleanLedgerHost.CreateBuilder(args);

builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.GenerateTypesAsInternal = true;
    options.Assemblies = [typeof(OrgScopingBehavior<,>)];
});
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddStaffSession(builder.Configuration)
    .AddStaffIdentityProvider(builder.Configuration, builder.Environment);
builder.Services.AddPlatformAuthorization();
builder.Services.AddRazorPages();
builder.Services.AddEdgeProtection(builder.Configuration);
builder.Services.AddScoped<AdminSignIn>();
builder.Services.AddProblemDetails();

var app = builder.Build();
app.Services.MigrateDatabaseIfConfigured();

app.UseConfiguredForwardedHeaders(app.Configuration);
app.UseExceptionHandler("/error");
if (!app.Environment.IsEnvironment(AppEnvironments.Local))
    app.UseHsts();
app.UseSecurityHeaders();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseCurrentUser();
app.UseRateLimiter();
app.UseAuthorization();
app.MapRazorPages();
app.MapJobsDashboard();

await app.RunAsync();
