using CleanLedger.Admin.Hosting;
using CleanLedger.Application.Common.Behaviors;
using CleanLedger.Infrastructure;
using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Security;
using Hangfire;
using Microsoft.AspNetCore.Authentication.Cookies;

var builder = CleanLedgerHost.CreateBuilder(args);

builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.GenerateTypesAsInternal = true;
    options.Assemblies = [typeof(OrgScopingBehavior<,>)];
});
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(options =>
    {
        options.LoginPath = "/account/login";
        options.Cookie.Name = "cleanledger.admin";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
    });
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
        .RequireAuthenticatedUser()
        .RequireClaim(PrincipalMapping.RoleClaim, PrincipalMapping.PlatformAdminRole)
        .Build());
builder.Services.AddRazorPages(options => options.Conventions.AllowAnonymousToFolder("/Account"));
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
// Back-office staff re-run failed receipt jobs here; the fallback policy (platform admins) guards it.
app.MapHangfireDashboard("/jobs", new DashboardOptions { Authorization = [], AppPath = "/", DashboardTitle = "CleanLedger jobs" });

await app.RunAsync();
