/// Benchmarks of this family (filled in with the family).
func runExplorationBenchmarks() throws {}
