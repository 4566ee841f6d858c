using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using CleanLedger.Application.Documents;
using CleanLedger.Application.Documents.CheckUpload;
using CleanLedger.Application.Documents.UploadDocument;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Organizations.CreateOrganization;
using CleanLedger.Domain.Organizations;
using CleanLedger.Testing;

namespace CleanLedger.Benchmarks;

/// <summary>
/// Uploads of the Swedish dev receipts through the Application (inspection, qpdf for PDFs, clamd,
/// write-once store, row, audit) against a baseline that only copies the same bytes to disk while
/// hashing them with SHA-256 — the least an upload must do. Both sides start from the same bytes
/// on disk; the upload side's own copy-and-hash is what the baseline measures, so it is included.
/// </summary>
public static class UploadThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var data = SharedData.SwedishReceiptsFolder;
        var files = Directory.EnumerateFiles(data).Where(path => !path.EndsWith(".jsonl", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var megabytes = files.Sum(path => new FileInfo(path).Length) / 1_048_576.0;
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var app = new ApplicationHarness(database, validateScopes: false);
        var scratch = Directory.CreateTempSubdirectory("cleanledger-bench-").FullName;

        await MeasureUploadsAsync(app, files, scratch);
        await MeasureBaselineAsync(files, scratch);
        var ratios = new List<double>();
        for (var round = 1; round <= 3; round++)
        {
            var upload = await MeasureUploadsAsync(app, files, scratch);
            var baseline = await MeasureBaselineAsync(files, scratch);
            ratios.Add(upload.TotalSeconds > 0 ? baseline.TotalSeconds / upload.TotalSeconds : 0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: uploads {files.Count / upload.TotalSeconds:0.0}/s {megabytes / upload.TotalSeconds:0.0} MB/s; baseline {files.Count / baseline.TotalSeconds:0.0}/s {megabytes / baseline.TotalSeconds:0.0} MB/s; ratio {ratios[^1]:0.000}"));
        }

        ratios.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"files={files.Count} size={megabytes:0.0} MB median ratio={ratios[1]:0.000}"));
        Directory.Delete(scratch, recursive: true);
        return 0;
    }

    private static async Task<TimeSpan> MeasureUploadsAsync(ApplicationHarness app, IReadOnlyList<string> files, string scratch)
    {
        var owner = TestUser.New("Bench");
        var org = await app.SendAsync<OrganizationDetails>(owner, new CreateOrganization("Bench AB", "556677-8899", VatPeriod.Monthly, "01-01"));
        var started = Stopwatch.GetTimestamp();
        foreach (var path in files)
        {
            var incoming = await CopyAndHashAsync(path, scratch);
            var checkedUpload = await app.SendAsync<CheckedUpload>(owner, new CheckUpload(org.Id, incoming));
            var uploaded = await app.SendAsync<UploadedDocument>(owner, new UploadDocument(org.Id, incoming, null, checkedUpload));
            if (uploaded.Refusal is not null)
                throw new InvalidOperationException($"{path} was refused: {uploaded.Refusal.Code}");
            File.Delete(incoming.Path);
        }

        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task<TimeSpan> MeasureBaselineAsync(IReadOnlyList<string> files, string scratch)
    {
        var started = Stopwatch.GetTimestamp();
        foreach (var path in files)
            File.Delete((await CopyAndHashAsync(path, scratch)).Path);
        return Stopwatch.GetElapsedTime(started);
    }


    private static async Task<IncomingFile> CopyAndHashAsync(string path, string scratch)
    {
        var target = Path.Combine(scratch, Guid.NewGuid().ToString("N"));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var source = File.OpenRead(path))
        await using (var destination = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await destination.WriteAsync(buffer.AsMemory(0, read));
            }
        }

        return new IncomingFile(target, Path.GetFileName(path), null, new FileInfo(target).Length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
