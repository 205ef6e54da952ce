import Decimal from "decimal.js";

/**
 * The Decimal constructor the domain layer computes with. A private clone so that the settings never leak
 * into (or depend on) the global decimal.js configuration used elsewhere:
 * - 100 significant digits, so products of Decimal(24,6) figures with small integers and margins are exact;
 * - plain notation in toString(), never "1e-7", so strings can be stored and compared as written.
 * Instances share decimal.js's prototype, so they are `Decimal` values to every caller (and to Prisma).
 */
export const Dec = Decimal.clone({
  precision: 100,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});

export type DecimalInput = Decimal.Value;

/** Converts a figure given as string | number | Decimal; throws on NaN/Infinity (a caller bug, not user input). */
export function toDecimal(value: DecimalInput, what = "value"): Decimal {
  let d: Decimal;
  try {
    d = new Dec(typeof value === "object" ? value.toString() : value);
  } catch {
    throw new TypeError(`${what} is not a decimal number: ${String(value)}`);
  }
  if (!d.isFinite()) throw new TypeError(`${what} is not a finite number: ${String(value)}`);
  return d;
}

/** Canonical decimal string: plain notation, no trailing zeros, "0" never "-0". */
export function decimalString(d: Decimal): string {
  return d.isZero() ? "0" : d.toString();
}

/** A ratio for display and the API: rounded half-up to 4 places, canonical string ("0.8333", "1.1", "1"). */
export function ratioString(d: Decimal): string {
  return decimalString(d.toDecimalPlaces(4, Decimal.ROUND_HALF_UP));
}
