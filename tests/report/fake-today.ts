// Preload (`node --import`) that moves "now" to another day: Date.now() and
// `new Date()` / `Date()` without arguments report FAKE_NOW (default
// 2031-07-15T23:30:00Z, late in a day so that most time zones see another date),
// with the clock still ticking from there. Dates built from arguments are untouched.
const RealDate = Date;
const offset = RealDate.parse(process.env['FAKE_NOW'] ?? '2031-07-15T23:30:00Z') - RealDate.now();
const now = (): number => RealDate.now() + offset;

function FakeDate(this: unknown, ...args: unknown[]): Date | string {
  if (!new.target) return new RealDate(now()).toString();
  return args.length === 0 ? new RealDate(now()) : new (RealDate as unknown as new (...a: unknown[]) => Date)(...args);
}
FakeDate.prototype = RealDate.prototype;
Object.defineProperties(FakeDate, {
  now: { value: now, writable: true, configurable: true },
  parse: { value: RealDate.parse, writable: true, configurable: true },
  UTC: { value: RealDate.UTC, writable: true, configurable: true },
});

globalThis.Date = FakeDate as unknown as DateConstructor;
