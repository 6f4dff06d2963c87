using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace ImeiGuard.Benchmarks.Tests;

/// <summary>
/// Runs a benchmark method the way BenchmarkDotNet would, but directly and only a few times: [Params] set (to a smoke
/// size where one is given), [GlobalSetup], every [ArgumentsSource] case, [GlobalCleanup]. Measures the bytes the
/// calls allocate on this thread, through a typed loop so that the harness itself allocates nothing per call.
/// </summary>
internal static class DirectRun
{
    /// <summary>Smaller tables than the real runs, so that the whole smoke run stays within seconds.</summary>
    private static readonly Dictionary<string, object> SmokeParams = new() { ["Bindings"] = 20_000 };

    public static IEnumerable<MethodInfo> AllBenchmarks() =>
        typeof(BenchConfig).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)
            .OrderBy(Name, StringComparer.Ordinal);

    public static string Name(MethodInfo method) => $"{method.DeclaringType!.FullName}.{method.Name}";

    public static MethodInfo Find(string name) => AllBenchmarks().Single(m => Name(m) == name);

    /// <summary>Operations per call, as BenchmarkDotNet divides by.</summary>
    public static int OperationsPerInvoke(MethodInfo method) => method.GetCustomAttribute<BenchmarkAttribute>()!.OperationsPerInvoke;

    /// <summary>Runs every case <paramref name="warmUp"/> + <paramref name="measured"/> times; returns each case's results and allocation per operation.</summary>
    public static IReadOnlyList<CaseResult> Run(MethodInfo method, int warmUp = 1, int measured = 2)
    {
        var type = method.DeclaringType!;
        var instance = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties().Where(p => p.GetCustomAttribute<ParamsAttribute>() is not null))
        {
            property.SetValue(instance, SmokeParams.TryGetValue(property.Name, out var value) ? value : property.GetCustomAttribute<ParamsAttribute>()!.Values[0]);
        }

        InvokeAll<GlobalSetupAttribute>(instance);
        try
        {
            var results = new List<CaseResult>();
            foreach (var argument in Arguments(method, instance))
            {
                var loop = typeof(DirectRun).GetMethod(argument is null ? nameof(LoopWithoutArgument) : nameof(LoopWithArgument), BindingFlags.NonPublic | BindingFlags.Static)!;
                if (argument is not null)
                {
                    loop = loop.MakeGenericMethod(method.GetParameters()[0].ParameterType);
                }

                var outcome = (CaseResult)loop.Invoke(null, [instance, method, argument, warmUp, measured])!;
                results.Add(outcome with { BytesPerOperation = outcome.BytesPerOperation / OperationsPerInvoke(method) });
            }

            return results;
        }
        finally
        {
            InvokeAll<GlobalCleanupAttribute>(instance);
        }
    }

    private static CaseResult LoopWithArgument<T>(object instance, MethodInfo method, T argument, int warmUp, int measured)
    {
        var call = method.CreateDelegate<Func<T, int>>(instance);
        var results = new int[warmUp + measured];
        for (var i = 0; i < warmUp; i++)
        {
            results[i] = call(argument);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = warmUp; i < results.Length; i++)
        {
            results[i] = call(argument);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return new CaseResult(argument?.ToString() ?? "", results, (double)allocated / measured);
    }

    private static CaseResult LoopWithoutArgument(object instance, MethodInfo method, object? unused, int warmUp, int measured)
    {
        var call = method.CreateDelegate<Func<int>>(instance);
        var results = new int[warmUp + measured];
        for (var i = 0; i < warmUp; i++)
        {
            results[i] = call();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = warmUp; i < results.Length; i++)
        {
            results[i] = call();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return new CaseResult("", results, (double)allocated / measured);
    }

    private static List<object?> Arguments(MethodInfo method, object instance)
    {
        if (method.GetCustomAttribute<ArgumentsSourceAttribute>() is not { } source)
        {
            return [null];
        }

        var type = method.DeclaringType!;
        var member = (MemberInfo?)type.GetMethod(source.Name) ?? type.GetProperty(source.Name)!;
        var cases = member switch
        {
            MethodInfo m => m.Invoke(m.IsStatic ? null : instance, null),
            PropertyInfo p => p.GetValue(p.GetMethod!.IsStatic ? null : instance),
            _ => null,
        };
        return ((System.Collections.IEnumerable)cases!).Cast<object?>().ToList();
    }

    private static void InvokeAll<TAttribute>(object instance)
        where TAttribute : Attribute
    {
        foreach (var m in instance.GetType().GetMethods().Where(m => m.GetCustomAttribute<TAttribute>() is not null))
        {
            m.Invoke(instance, null);
        }
    }
}

/// <summary>What the calls of one case returned, and the bytes allocated per operation.</summary>
internal sealed record CaseResult(string Case, int[] Results, double BytesPerOperation);
