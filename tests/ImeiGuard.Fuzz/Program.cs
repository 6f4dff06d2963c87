using ImeiGuard.Fuzz;
using SharpFuzz;

// One executable, one target per run: `imeiguard-fuzz radius|chf|pcap`. Under afl-fuzz (scripts/fuzz.sh)
// SharpFuzz runs the AFL fork server and feeds each input on standard input; started by hand it runs the
// target once over standard input, which is how a crash file is reproduced:
//   dotnet imeiguard-fuzz.dll radius < crash-file
// `imeiguard-fuzz seed TARGET CORPUS_DIR OUT_DIR` writes the target's starting inputs from the shared corpus.
if (args is ["seed", var seedTarget, var corpus, var output])
{
    Console.WriteLine($"{SeedCorpus.Write(seedTarget, corpus, output)} seeds for {seedTarget} in {output}");
    return 0;
}

if (args is not [var name] || !FuzzTargets.TryGet(name, out var target))
{
    Console.Error.WriteLine($"usage: imeiguard-fuzz {string.Join('|', FuzzTargets.Names)}  (input on standard input)");
    Console.Error.WriteLine("       imeiguard-fuzz seed TARGET CORPUS_DIR OUT_DIR");
    return 2;
}

Fuzzer.Run(stream => target(FuzzInput.ReadAll(stream)));
return 0;
