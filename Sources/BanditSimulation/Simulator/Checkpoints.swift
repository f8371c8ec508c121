/// The rounds at which metrics are recorded: log-spaced so early behaviour and the long run are
/// both visible on a log-time plot, plus the horizon and any rounds a caller asks for (for
/// expectations).
public enum Checkpoints {
    /// Roughly `perDecade` rounds per power of ten in 1…horizon, always including the horizon.
    public static func logSpaced(horizon: Int, perDecade: Int = 10, including extra: [Int] = []) -> [Int] {
        precondition(horizon >= 1 && perDecade >= 1)
        var points = Set<Int>()
        let decades = Double.log10(Double(horizon))
        let total = Int((decades * Double(perDecade)).rounded(.up))
        if total > 0 {
            for step in 0...total {
                let value = Int((Double.pow(10, Double(step) / Double(perDecade))).rounded())
                if value >= 1 && value <= horizon { points.insert(value) }
            }
        }
        points.insert(horizon)
        for value in extra where value >= 1 && value <= horizon { points.insert(value) }
        return points.sorted()
    }
}

import RealModule
