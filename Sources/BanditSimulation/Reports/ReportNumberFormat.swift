/// Locale-independent number text shared by the reports.
///
/// Reports are compared byte for byte across machines and shards, so nothing here may consult
/// the process locale (decimal commas, digit grouping) or a platform `printf`.
enum ReportNumberFormat {
    /// Swift's shortest round-trip form, which reads back to the identical `Double`; non-finite
    /// values are spelled `NaN`, `inf`, `-inf`, which pandas, R and NumPy all parse.
    static func exact(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return "\(value)"
    }

    /// `value` rounded to `decimals` places (0…9) in plain positional notation, e.g. `-0.50`.
    ///
    /// Built from integer digits rather than `String(format:)` so the output cannot depend on
    /// the C library or the locale. Magnitudes beyond what an `Int` holds after scaling fall
    /// back to ``exact(_:)``.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return exact(value) }
        let places = min(max(decimals, 0), 9)
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9.0e15 else { return exact(value) }
        let units = Int(scaled)
        let scaleInt = Int(scale)
        let whole = units / scaleInt
        let fraction = units % scaleInt
        // A value that rounds to zero prints without a minus sign: "-0.00" only confuses readers.
        let sign = value < 0 && units != 0 ? "-" : ""
        guard places > 0 else { return "\(sign)\(whole)" }
        var digits = String(fraction)
        if digits.count < places { digits = String(repeating: "0", count: places - digits.count) + digits }
        return "\(sign)\(whole).\(digits)"
    }

    /// About `significant` significant digits in positional notation (never exponent form for
    /// magnitudes below 10¹⁵), the readable choice for tables.
    static func significant(_ value: Double, digits significant: Int = 4) -> String {
        fixed(value, decimals: decimals(forMagnitude: abs(value), significant: significant))
    }

    /// Decimal places that show `significant` digits of a number of magnitude `magnitude`,
    /// clamped to 0…6 so tiny values do not produce a wall of zeros.
    static func decimals(forMagnitude magnitude: Double, significant: Int = 4) -> Int {
        guard magnitude.isFinite, magnitude > 0 else { return 0 }
        var exponent = 0
        var scaled = magnitude
        while scaled >= 10 { scaled /= 10; exponent += 1 }
        while scaled < 1 { scaled *= 10; exponent -= 1 }
        return min(max(significant - 1 - exponent, 0), 6)
    }
}
