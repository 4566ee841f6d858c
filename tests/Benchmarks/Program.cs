using BenchmarkDotNet.Running;
using CleanLedger.Benchmarks;

// dotnet run -c Release --project tests/Benchmarks -- rules      (BenchmarkDotNet)
// dotnet run -c Release --project tests/Benchmarks -- posting    (needs CLEANLEDGER_TEST_POSTGRES and CLEANLEDGER_TEST_CLAMD, which every test database names; ./build/bench.sh sets both)
// dotnet run -c Release --project tests/Benchmarks -- uploads    (also needs CLEANLEDGER_TEST_CLAMD)
// dotnet run -c Release --project tests/Benchmarks -- accuracy <folder> [--ocr-cache DIR] [--one-pass]   (receipt OCR + extraction against labels.jsonl)
// dotnet run -c Release --project tests/Benchmarks -- calibration <folder>... [--ocr-cache DIR]   (fits the confidence calibration and the autopost threshold; writes FittedCalibration.cs and the trade-off plot)
// dotnet run -c Release --project tests/Benchmarks -- month <folder> [--ocr-cache DIR]   (a business's receipts replayed in date order through the Api, review approved as labelled; needs PostgreSQL and clamd)
// dotnet run -c Release --project tests/Benchmarks -- latency    (upload→posted through the Api; needs PostgreSQL and clamd)
// dotnet run -c Release --project tests/Benchmarks -- ocr        (needs tesseract-ocr-swe/-eng; ocr-preprocessing compares the image clean-up, ocr-second-pass what a second pass adds)
return args.FirstOrDefault() switch
{
    "rules" => Run(() => BenchmarkRunner.Run<RuleEngineBenchmarks>(args: args[1..])),
    "posting" => await PostingThroughput.RunAsync(args[1..]),
    "uploads" => await UploadThroughput.RunAsync(args[1..]),
    "sie" => await SieExportThroughput.RunAsync(args[1..]),
    "ocr" => await OcrThroughput.RunAsync(args[1..]),
    "ocr-preprocessing" => await OcrPreprocessing.RunAsync(args[1..]),
    "ocr-second-pass" => await OcrSecondPass.RunAsync(args[1..]),
    "accuracy" => await ReceiptAccuracy.RunAsync(args[1..]),
    "calibration" => await CalibrationFit.RunAsync(args[1..]),
    "latency" => await PipelineLatency.RunAsync(args[1..]),
    "month" => await BusinessMonth.RunAsync(args[1..]),
    _ => Usage(),
};

static int Run(Action benchmark)
{
    benchmark();
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Benchmarks rules | posting [--posters N] [--postings N] [--rounds N] | uploads | sie | ocr [--images N] | ocr-preprocessing | ocr-second-pass | accuracy <folder> [--ocr-cache DIR] [--one-pass] | calibration <folder>... [--ocr-cache DIR] | latency [--receipts N] | month <folder> [--ocr-cache DIR]");
    return 2;
}
