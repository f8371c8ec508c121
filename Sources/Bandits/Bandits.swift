// The umbrella module: `import Bandits` brings in the whole library.
@_exported import BanditCore
@_exported import BanditPolicies
@_exported import BanditSimulation
@_exported import LinearAlgebra
@_exported import LinearProgramming
@_exported import BanditRuntime
