// Read from this package's manifest when it is built: esbuild inlines the one field, so the token cannot drift from the release.
import { version } from '../package.json'

/** The adapter's `User-Agent` product token, `unihook-stripe/<version>`; a user's `userAgent` setting is appended to it. */
export const PRODUCT: string = `unihook-stripe/${version}`
