using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CleanLedger.Infrastructure.Exports.Sie;
using CleanLedger.Testing;

namespace CleanLedger.Api.Tests.Support;

/// <summary>Starts a SIE import (202 and its Location) and follows the job to its end.</summary>
public static class SieImports
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    /// <summary>Slow enough that a test class's polling stays far inside the per-client rate limit.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<Uri> StartAsync(HttpClient client, Guid orgId, byte[] bytes)
    {
        var response = await client.PostFileAsync($"/api/v1/orgs/{orgId}/imports/sie", bytes, "books.se");
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var job = await response.Content.ReadFromJsonAsync<JsonElement>();
        job.GetProperty("state").GetString().ShouldBe("queued");
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/orgs/{orgId}/imports/{job.GetProperty("id").GetGuid()}");
        return response.Headers.Location;
    }

    /// <summary>The job once it has succeeded or failed.</summary>
    public static async Task<JsonElement> FinishedAsync(HttpClient client, Uri location)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var job = await client.GetFromJsonAsync<JsonElement>(location);
            if (job.GetProperty("state").GetString() is "succeeded" or "failed")
                return job;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The import is still {job.GetProperty("state").GetString()}: {job}");
            await Task.Delay(PollInterval);
        }
    }

    public static async Task<JsonElement> ImportAsync(HttpClient client, Guid orgId, byte[] bytes) =>
        await FinishedAsync(client, await StartAsync(client, orgId, bytes));

    /// <summary>
    /// A SIE 4 file of <paramref name="vouchers"/> balanced vouchers in series A of 2026, each with
    /// <paramref name="rowsPerVoucher"/> rows (the last one balancing the others).
    /// </summary>
    /// <summary>How many lines <see cref="Generate"/> writes (without a voucher writer of the caller's): a five-line head, then #VER, braces and rows per voucher.</summary>
    public static int LinesOf(int vouchers, int rowsPerVoucher) => 5 + (vouchers * (rowsPerVoucher + 3));

    public static byte[] Generate(int vouchers, int rowsPerVoucher, string year = "2026", Action<StringBuilder, int>? voucher = null)
    {
        var sie = new StringBuilder($"#FLAGGA 0\n#SIETYP 4\n#RAR 0 {year}0101 {year}1231\n#KONTO 1930 \"Företagskonto\"\n#KONTO 3001 \"Försäljning\"\n");
        for (var v = 1; v <= vouchers; v++)
        {
            if (voucher is not null)
            {
                voucher(sie, v);
                continue;
            }

            sie.Append(CultureInfo.InvariantCulture, $"#VER A {v} {year}0{1 + (v % 9)}15 \"Försäljning {v}\"\n{{\n");
            for (var r = 1; r < rowsPerVoucher; r++)
                sie.Append("#TRANS 3001 {} -10.00\n");
            sie.Append(CultureInfo.InvariantCulture, $"#TRANS 1930 {{}} {(rowsPerVoucher - 1) * 10}.00\n}}\n");
        }

        return SieEncoding.Pc8.GetBytes(sie.ToString());
    }

    /// <summary>Rows in <paramref name="table"/> across every organisation (as the superuser on PostgreSQL, so RLS hides nothing).</summary>
    public static async Task<long> CountAsync(this TestDatabase database, string table)
    {
        await using System.Data.Common.DbConnection connection = database is PostgresTestDatabase postgres
            ? new Npgsql.NpgsqlConnection(postgres.SuperuserConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(database.Options.ConnectionString);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, $"SELECT COUNT(*) FROM {table}");
    }

    public static byte[] File(params string[] lines) => SieEncoding.Pc8.GetBytes(string.Join("\n", lines) + "\n");
}
