/** An injectable clock, so fakes and adapters agree on "now" in tests without waiting for real time. */
export interface Clock {
  /** The current time in milliseconds since the epoch. */
  now(): number
}

export interface ManualClock extends Clock {
  /** Moves the clock forward (or back, with a negative value) by `ms`. */
  advance(ms: number): void
  /** Sets the clock to a time in milliseconds since the epoch. */
  set(epochMs: number): void
}

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now() }

/** A clock that stands still until told to move. Starts at `start` (default: the real time now). */
export function manualClock(start: number | Date = Date.now()): ManualClock {
  let current = typeof start === 'number' ? start : start.getTime()
  return {
    now: () => current,
    advance: (ms) => {
      current += ms
    },
    set: (epochMs) => {
      current = epochMs
    },
  }
}

/** A clock that follows real time shifted by `offsetMs` (a client whose clock is off). */
export function offsetClock(offsetMs: number, base: Clock = systemClock): Clock {
  return { now: () => base.now() + offsetMs }
}
