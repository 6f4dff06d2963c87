using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Validators;

namespace ImeiGuard.Benchmarks;

/// <summary>
/// The one configuration every suite runs with (house style 8.5): allocations per operation, an ops/s column,
/// a hard failure on non-optimized assemblies, and workstation non-concurrent GC so that allocation figures do
/// not depend on background GC threads. The GC settings are a mutator job, so they apply to whatever job the command
/// line picks (<c>--job short</c>). DEBUG builds run in-process with the debug config: a quick smoke run.
/// </summary>
public static class BenchConfig
{
    public static IConfig Create()
    {
#if DEBUG
        return new DebugInProcessConfig()
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.OperationsPerSecond)
            .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40));
#else
        return DefaultConfig.Instance
            .AddJob(Job.Default.WithGcServer(false).WithGcConcurrent(false).AsMutator())
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.OperationsPerSecond)
            .AddValidator(JitOptimizationsValidator.FailOnError)
            .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40));
#endif
    }
}
