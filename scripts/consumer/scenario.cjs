// What the consumer apps do with the installed tarballs: app.mjs loads the packages through `import`,
// app.cjs through `require`, and both hand them here. Each adapter manages webhooks on its fake served
// over loopback (127.0.0.1, an ephemeral port), and a receiver verifies a signed Razorpay delivery.
const assert = require('node:assert/strict')

const retry = { baseDelayMs: 1, maxDelayMs: 5 }

async function onFake(fake, serveFake, use) {
  const served = await serveFake(fake)
  try {
    return await use(served.url)
  } finally {
    await served.close()
  }
}

async function razorpayRoundTrip({ core, coreTesting, razorpay, razorpayTesting }) {
  const keys = { keyId: 'rzp_test_Cq4nF7kLm2Pz9X', keySecret: 'consumer-partner-secret' }
  const account = 'acc_H3kYHQ635sBwXG'
  const fake = razorpayTesting.createRazorpayFake({ ...keys, accounts: [account] })
  return onFake(fake, coreTesting.serveFake, async (baseUrl) => {
    const hooks = core.promised(razorpay.razorpay({ ...keys, account, baseUrl, retry }))
    const created = await hooks.create({ url: 'https://shop.example/razorpay', events: ['payment.captured'] })
    const { items } = await hooks.list({ pageSize: 10 })
    assert.deepEqual(
      items.map((w) => w.id),
      [created.id],
    )
    assert.equal(created.secret?.kind, 'value')

    const secret = created.secret.value.reveal()
    const receiver = core.createReceiver([razorpay.razorpayVerifier({ secrets: [secret] })])
    const event = razorpayTesting.razorpayEvent({ event: 'payment.captured', account })
    const delivery = razorpayTesting.signRazorpayDelivery({ payload: event, secret })
    const request = new Request(`${baseUrl}/hooks`, { method: 'POST', body: delivery.body, headers: delivery.headers })
    const result = await receiver.receive(request)()
    assert.equal(result._tag, 'Right', JSON.stringify(result))
    assert.equal(result.right.provider, 'razorpay')
    assert.equal(result.right.event.type, 'payment.captured')
    const forged = await core.verifyOrThrow(razorpay.razorpayVerifier({ secrets: ['another-secret'] }), delivery.body, delivery.headers).catch((e) => e)
    assert.equal(forged._tag, 'VerificationError')
    return 'razorpay'
  })
}

async function conektaRoundTrip({ core, coreTesting, conekta, conektaTesting }) {
  const apiKey = 'key_test_7Hq2Lm9Xc4Vb8Nz1'
  return onFake(conektaTesting.createConektaFake({ apiKey }), coreTesting.serveFake, async (baseUrl) => {
    const provider = conekta.conekta({ apiKey, baseUrl, retry })
    const created = await core.runOrThrow(provider.create({ url: 'https://shop.example/conekta', events: ['order.paid'] }))
    const fetched = await core.runOrThrow(provider.get(created.id))
    assert.equal(fetched.url, 'https://shop.example/conekta')
    const failed = await provider.get('6a1b2c3d4e5f60718293a4b5')()
    assert.equal(failed._tag, 'Left')
    assert.equal(failed.left._tag, 'NotFound')
    return 'conekta'
  })
}

async function calypsoRoundTrip({ core, coreTesting, calypso, calypsoTesting }) {
  const credentials = { apiKey: 'consumer-calypso-key', apiSecret: 'consumer-calypso-secret' }
  const account = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
  const fake = calypsoTesting.createCalypsoFake({ ...credentials, accounts: [account] })
  return onFake(fake, coreTesting.serveFake, async (baseUrl) => {
    const hooks = core.promised(calypso.calypso({ ...credentials, account, baseUrl, retry }))
    const created = await hooks.create({ url: 'https://shop.example/calypso', events: ['INVOICE_CREATE_INVOICE'], services: ['INVOICE'] })
    const { items } = await hooks.list()
    assert.ok(items.some((w) => w.id === created.id))
    return 'calypso'
  })
}

/** Handlers on the receiver with the in-memory store: a delivery is handled once; @unihook/redis loads and checks its settings. */
async function handlersOnce({ coreVerify, razorpay, razorpayTesting, redis }) {
  let handled = 0
  const receiver = coreVerify.createReceiver([razorpay.razorpayVerifier({ secrets: 'consumer-secret' })])
  const handlers = coreVerify.createHandlers(receiver).on('razorpay', 'payment.captured', () => {
    handled++
  })
  const delivery = razorpayTesting.signRazorpayDelivery({ payload: razorpayTesting.razorpayEvent({ event: 'payment.captured' }), secret: 'consumer-secret' })
  assert.equal((await handlers.handleRaw(delivery.body, delivery.headers)).outcome, 'handled')
  assert.equal((await handlers.handleRaw(delivery.body, delivery.headers)).outcome, 'duplicate')
  assert.equal(handled, 1)
  assert.throws(() => redis.redisSeenStore({}), TypeError)
  return 'handlers'
}

async function stripeRoundTrip({ core, coreTesting, stripe, stripeTesting }) {
  const apiKey = 'sk_test_51ConsumerKey0000000000'
  const fake = stripeTesting.createStripeFake({ apiKey })
  return onFake(fake, coreTesting.serveFake, async (baseUrl) => {
    const hooks = core.promised(stripe.stripe({ apiKey, baseUrl, retry }))
    const created = await hooks.create({ url: 'https://shop.example/stripe', events: ['payment_intent.succeeded'] })
    const { items } = await hooks.list()
    assert.deepEqual(
      items.map((w) => w.id),
      [created.id],
    )
    const secret = created.secret.value.reveal()
    const delivery = fake.signedFor(created.id, { type: 'payment_intent.succeeded' })
    const event = await core.verifyOrThrow(stripe.stripeVerifier({ secrets: secret }), delivery.body, delivery.headers)
    assert.equal(event.type, 'payment_intent.succeeded')
    return 'stripe'
  })
}

async function run(packages, label) {
  const done = []
  for (const roundTrip of [razorpayRoundTrip, conektaRoundTrip, calypsoRoundTrip, stripeRoundTrip, handlersOnce]) done.push(await roundTrip(packages))
  console.log(`${label}: ${done.join(', ')} round trips against their fakes on loopback`)
}

module.exports = { run }
