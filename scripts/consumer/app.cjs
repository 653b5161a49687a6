const scenario = require('./scenario.cjs')

// Node's `require` condition must pick the CommonJS build.
for (const entry of ['@unihook/core', '@unihook/razorpay/testing']) {
  if (!require.resolve(entry).endsWith('.cjs')) throw new Error(`${entry} resolved to ${require.resolve(entry)}`)
}
const packages = {
  core: require('@unihook/core'),
  coreVerify: require('@unihook/core/verify'),
  coreTesting: require('@unihook/core/testing'),
  calypso: require('@unihook/calypso'),
  calypsoTesting: require('@unihook/calypso/testing'),
  conekta: require('@unihook/conekta'),
  conektaTesting: require('@unihook/conekta/testing'),
  razorpay: require('@unihook/razorpay'),
  razorpayTesting: require('@unihook/razorpay/testing'),
  redis: require('@unihook/redis'),
  stripe: require('@unihook/stripe'),
  stripeTesting: require('@unihook/stripe/testing'),
}
scenario.run(packages, 'CJS app').catch((error) => {
  console.error(error)
  process.exit(1)
})
