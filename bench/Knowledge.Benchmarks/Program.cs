using BenchmarkDotNet.Running;
using IomAssistant.Knowledge.Benchmarks;

// "figures" measures one knowledge folder end to end (load, index, per-question percentiles,
// memory); anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "figures")
    return KnowledgeFigures.Run(args[1..]);
// "quality" scores question sets against the engine in process.
if (args.Length > 0 && args[0] == "quality")
    return AnswerQuality.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
