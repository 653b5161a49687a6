import * as core from '@unihook/core'
import * as coreTesting from '@unihook/core/testing'
import * as coreVerify from '@unihook/core/verify'
import * as calypso from '@unihook/calypso'
import * as calypsoTesting from '@unihook/calypso/testing'
import * as conekta from '@unihook/conekta'
import * as conektaTesting from '@unihook/conekta/testing'
import * as razorpay from '@unihook/razorpay'
import * as razorpayTesting from '@unihook/razorpay/testing'
import * as redis from '@unihook/redis'
import * as stripe from '@unihook/stripe'
import * as stripeTesting from '@unihook/stripe/testing'
import scenario from './scenario.cjs'

// Node's `import` condition must pick the ESM build.
for (const entry of ['@unihook/core', '@unihook/razorpay/testing']) {
  if (!import.meta.resolve(entry).endsWith('.js')) throw new Error(`${entry} resolved to ${import.meta.resolve(entry)}`)
}
await scenario.run(
  { core, coreTesting, coreVerify, redis, calypso, calypsoTesting, conekta, conektaTesting, razorpay, razorpayTesting, stripe, stripeTesting },
  'ESM app',
)
