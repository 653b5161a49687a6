/**
 * Payloads typed per event, checked by the type checker (`pnpm typecheck` compiles this file; a failed
 * `expectTypeOf`, an unused `@ts-expect-error` or a sample that does not `satisfies` its type is a compile
 * error) and run by vitest: the providers' own documented samples are signed, verified and read through
 * the typed paths.
 */

import { uncatalogued } from '@unihook/core'
import { createReceiver, type ReceivedOf, verifyOrThrow } from '@unihook/core/verify'
import {
  type CalypsoDeliveryEnvelope,
  type CalypsoDeliveryEvent,
  type CalypsoEventData,
  type CalypsoInvoiceCreatedData,
  type CalypsoPayoutStatusData,
  type CalypsoUncataloguedDelivery,
  calypsoVerifier,
} from '@unihook/calypso/verify'
import { signCalypsoDelivery } from '@unihook/calypso/testing'
import {
  type ConektaCharge,
  type ConektaCustomer,
  type ConektaDelivery,
  type ConektaEventData,
  type ConektaEventEnvelope,
  type ConektaObject,
  type ConektaOrder,
  type ConektaPingData,
  type ConektaSubscription,
  type ConektaUncataloguedDelivery,
  conektaVerifier,
  type ConektaEventDataOf,
} from '@unihook/conekta/verify'
import { generateConektaKeyPair, signedConektaDelivery } from '@unihook/conekta/testing'
import {
  type RazorpayDelivery,
  type RazorpayDeliveryOf,
  type RazorpayDispute,
  type RazorpayEntities,
  type RazorpayEventEnvelope,
  type RazorpayOrder,
  type RazorpayPayload,
  type RazorpayPayloadOf,
  type RazorpayPayment,
  type RazorpayRefund,
  type RazorpaySubscription,
  type RazorpayTransfer,
  type RazorpayUncataloguedDelivery,
  type RazorpayWrapped,
  razorpayVerifier,
} from '@unihook/razorpay/verify'
import { signRazorpayDelivery } from '@unihook/razorpay/testing'
import { describe, expect, expectTypeOf, it } from 'vitest'

/** The keys of `T` whose type is `any`: none may be. */
type AnyKeys<T> = { [K in keyof T]-?: 0 extends 1 & T[K] ? K : never }[keyof T]

/** Never called: it only has to compile. */
function razorpay(event: RazorpayDelivery): void {
  // Before narrowing, an entity may or may not be there.
  expectTypeOf(event.data.payment).toEqualTypeOf<RazorpayWrapped<RazorpayPayment> | undefined>()
  if (event.type === 'payment.captured') {
    // After narrowing, the entities the event's samples always carry are present.
    expectTypeOf(event.data.payment.entity).toEqualTypeOf<RazorpayPayment>()
    expectTypeOf(event.data.payment.entity.amount).toEqualTypeOf<number>()
    expectTypeOf(event.data.payment.entity.order_id).toEqualTypeOf<string | null>()
    expectTypeOf(event.data.payment.entity.captured).toEqualTypeOf<boolean>()
    expectTypeOf(event.data.payment.entity.created_at).toEqualTypeOf<number>()
    expectTypeOf(event.data.order).toEqualTypeOf<RazorpayWrapped<RazorpayOrder> | undefined>()
    expectTypeOf(event.raw.event).toEqualTypeOf<'payment.captured'>()
    expectTypeOf(event.raw.payload.payment.entity.currency).toEqualTypeOf<string>()
    // What Razorpay does not document stays unknown, never any.
    expectTypeOf(event.data.payment.entity.undocumented_field).toEqualTypeOf<unknown>()
  }
  switch (event.type) {
    case 'order.paid':
      expectTypeOf(event.data.order.entity.status).toEqualTypeOf<'created' | 'attempted' | 'paid'>()
      expectTypeOf(event.data.payment.entity).toEqualTypeOf<RazorpayPayment>()
      break
    case 'refund.processed':
      expectTypeOf(event.data.refund.entity).toEqualTypeOf<RazorpayRefund>()
      expectTypeOf(event.data.refund.entity.speed_processed).toEqualTypeOf<'instant' | 'normal'>()
      expectTypeOf(event.data.payment.entity.refund_status).toEqualTypeOf<'partial' | 'full' | null>()
      break
    case 'subscription.charged':
      expectTypeOf(event.data.subscription.entity).toEqualTypeOf<RazorpaySubscription>()
      expectTypeOf(event.data.payment.entity).toEqualTypeOf<RazorpayPayment>()
      break
    case 'subscription.halted':
      // Its samples carry the subscription only: a payment is not promised.
      expectTypeOf(event.data.payment).toEqualTypeOf<RazorpayWrapped<RazorpayPayment> | undefined>()
      break
    case 'payment.dispute.lost':
      expectTypeOf(event.data.dispute.entity).toEqualTypeOf<RazorpayDispute>()
      break
    case 'transfer.processed':
      // No documented sample: the payload stays the untyped envelope.
      expectTypeOf(event.data).toEqualTypeOf<RazorpayPayloadOf<'transfer.processed'>>()
      // An entity named in the payload is typed by its key when present, never promised.
      expectTypeOf(event.data.transfer).toEqualTypeOf<RazorpayWrapped<RazorpayTransfer> | undefined>()
      break
    case uncatalogued('payout.processed'):
      // A name outside the catalog: visible opt-in; its payload is typed as far as the envelope is.
      expectTypeOf(event).toEqualTypeOf<RazorpayUncataloguedDelivery>()
      expectTypeOf(event.data).toEqualTypeOf<RazorpayPayload>()
      break
  }
  // @ts-expect-error: a misspelt event name has no overlap with the union
  if (event.type === 'payment.captred') return
  // @ts-expect-error: a name outside the catalog needs uncatalogued()
  if (event.type === 'payout.processed') return
  // @ts-expect-error: entities the event does not carry are not invented
  void (event.type === 'payment.failed' && event.data.refund.entity)
}

/** Never called: a function for some events takes their members only, still told apart by type. */
function refunds(event: RazorpayDeliveryOf<'refund.processed' | 'refund.failed'>): number {
  expectTypeOf(event.type).toEqualTypeOf<'refund.processed' | 'refund.failed'>()
  if (event.type === 'refund.failed') expectTypeOf(event.raw.event).toEqualTypeOf<'refund.failed'>()
  // @ts-expect-error: not one of the events this function takes
  if (event.type === 'refund.created') return 0
  return event.data.refund.entity.amount
}

/** Never called: it only has to compile. */
function conekta(event: ConektaDelivery): void {
  if (event.type === 'order.paid') {
    expectTypeOf(event.data).toEqualTypeOf<ConektaEventData<ConektaOrder>>()
    expectTypeOf(event.data.object.amount).toEqualTypeOf<number>()
    expectTypeOf(event.data.object.payment_status).toEqualTypeOf<string | undefined>()
    expectTypeOf(event.data.previous_attributes).toEqualTypeOf<Readonly<Record<string, unknown>> | undefined>()
    expectTypeOf(event.raw.type).toEqualTypeOf<'order.paid'>()
    expectTypeOf(event.data.object.undocumented_field).toEqualTypeOf<unknown>()
  }
  switch (event.type) {
    case 'charge.paid': {
      expectTypeOf(event.data.object).toEqualTypeOf<ConektaCharge>()
      const method = event.data.object.payment_method
      // Payment methods are told apart by `object`, as the schema's discriminator says.
      if (method?.object === 'card_payment') expectTypeOf(method.last4).toEqualTypeOf<string | undefined>()
      if (method?.object === 'cash_payment') expectTypeOf(method.reference).toEqualTypeOf<string | undefined>()
      break
    }
    case 'subscription.payment_failed':
      expectTypeOf(event.data.object).toEqualTypeOf<ConektaSubscription>()
      break
    case 'customer.updated':
      expectTypeOf(event.data.object).toEqualTypeOf<ConektaCustomer>()
      expectTypeOf(event.data.object.name).toEqualTypeOf<string>()
      break
    case 'customer.payment_source.card.blocked':
      // A payment source, not a customer.
      expectTypeOf(event.data.object).toEqualTypeOf<ConektaObject>()
      break
    case 'charge.chargeback.created':
      // Not a charge: typed no further than the envelope.
      expectTypeOf(event.data.object).toEqualTypeOf<ConektaObject>()
      break
    case 'webhook_ping':
      // The test event carries no object.
      expectTypeOf(event.data).toEqualTypeOf<ConektaPingData>()
      expectTypeOf(event.data.object).toEqualTypeOf<unknown>()
      break
    case uncatalogued('order.sent'):
      expectTypeOf(event).toEqualTypeOf<ConektaUncataloguedDelivery>()
      expectTypeOf(event.data.object).toEqualTypeOf<ConektaObject>()
      break
  }
  // @ts-expect-error: a misspelt event name
  if (event.type === 'order.payed') return
}

/** Never called: it only has to compile. */
function calypso(event: CalypsoDeliveryEvent): void {
  if (event.type === 'PAYOUT_CHANGE_STATUS') {
    expectTypeOf(event.data).toEqualTypeOf<CalypsoPayoutStatusData>()
    expectTypeOf(event.data.payoutStatus).toEqualTypeOf<string | undefined>()
    expectTypeOf(event.service).toEqualTypeOf<'PAYOUT' | undefined>()
    expectTypeOf(event.raw.eventType).toEqualTypeOf<'PAYOUT_CHANGE_STATUS'>()
    // The delivery fields the payload page marks mandatory are required in the envelope; the event's own
    // copies stay optional, as the verifier leaves out what a delivery lacks.
    expectTypeOf(event.raw.requestId).toEqualTypeOf<string>()
    expectTypeOf(event.raw.service).toEqualTypeOf<'PAYOUT'>()
    expectTypeOf(event.subscriptionId).toEqualTypeOf<string | undefined>()
  }
  switch (event.type) {
    case 'INVOICE_CREATE_INVOICE':
      expectTypeOf(event.data).toEqualTypeOf<CalypsoInvoiceCreatedData>()
      expectTypeOf(event.data.amount).toEqualTypeOf<number | undefined>()
      expectTypeOf(event.service).toEqualTypeOf<'INVOICE' | undefined>()
      break
    case 'INVOICE_PAID':
      // No readable table for this event: the fields every event shares.
      expectTypeOf(event.data).toEqualTypeOf<CalypsoEventData<'INVOICE_PAID'>>()
      expectTypeOf(event.data.externalId).toEqualTypeOf<string | undefined>()
      expectTypeOf(event.data.anything).toEqualTypeOf<unknown>()
      break
    case uncatalogued('TOP_UP_RECEIVED'):
      expectTypeOf(event).toEqualTypeOf<CalypsoUncataloguedDelivery>()
      break
  }
  // @ts-expect-error: a misspelt event name
  if (event.type === 'INVOICE_PAYED') return
}

/** Never called: narrowing by provider, then by event, through a receiver. */
function received({ provider, event }: ReceivedOf<ReturnType<typeof receiver>>): number | undefined {
  if (provider === 'razorpay' && event.type === 'payment.captured') return event.data.payment.entity.amount
  if (provider === 'conekta' && event.type === 'order.paid') return event.data.object.amount
  if (provider === 'calypso' && event.type === 'INVOICE_CREATE_INVOICE') return event.data.amount
  return undefined
}

describe('payloads are typed per event', () => {
  it('compiles the narrowing above (pnpm typecheck)', () => {
    for (const f of [razorpay, refunds, conekta, calypso, received]) expect(f).toBeTypeOf('function')
  })

  it('types no documented field as any', () => {
    expectTypeOf<AnyKeys<RazorpayPayment | RazorpayOrder | RazorpayRefund | RazorpaySubscription | RazorpayDispute>>().toEqualTypeOf<never>()
    expectTypeOf<{ [K in keyof RazorpayEntities]: AnyKeys<RazorpayEntities[K]> }[keyof RazorpayEntities]>().toEqualTypeOf<never>()
    expectTypeOf<AnyKeys<ConektaOrder | ConektaCharge | ConektaSubscription | ConektaCustomer | ConektaPingData>>().toEqualTypeOf<never>()
    expectTypeOf<AnyKeys<CalypsoInvoiceCreatedData | CalypsoPayoutStatusData | CalypsoDeliveryEnvelope>>().toEqualTypeOf<never>()
    expectTypeOf<AnyKeys<ConektaEventDataOf<'charge.paid'>>>().toEqualTypeOf<never>()
  })
})

// The providers' own samples, each checked against its type by `satisfies`.

/** razorpay.com/docs/webhooks/payments, "Payment Captured" (Netbanking). */
const razorpayCaptured = {
  entity: 'event',
  account_id: 'acc_BFQ7uQEaa7j2z7',
  event: 'payment.captured',
  contains: ['payment'],
  payload: {
    payment: {
      entity: {
        id: 'pay_DESlfW9H8K9uqM',
        entity: 'payment',
        amount: 100,
        currency: 'INR',
        base_amount: 100,
        status: 'captured',
        order_id: 'order_DESlLckIVRkHWj',
        invoice_id: null,
        international: false,
        method: 'netbanking',
        amount_refunded: 0,
        amount_transferred: 0,
        refund_status: null,
        captured: true,
        description: null,
        card_id: null,
        bank: 'HDFC',
        wallet: null,
        vpa: null,
        email: 'gaurav.kumar@example.com',
        contact: '+919876543210',
        notes: [],
        fee: 2,
        tax: 0,
        error_code: null,
        error_description: null,
        error_source: null,
        error_step: null,
        error_reason: null,
        acquirer_data: { bank_transaction_id: '0125836177' },
        created_at: 1567674599,
      },
    },
  },
  created_at: 1567674606,
} as const satisfies RazorpayEventEnvelope<'payment.captured', RazorpayPayloadOf<'payment.captured'>>

/** razorpay.com/docs/webhooks/refunds, "Refund Processed". */
const razorpayRefunded = {
  entity: 'event',
  account_id: 'acc_E7OQJcEANmBHTC',
  event: 'refund.processed',
  contains: ['refund', 'payment'],
  payload: {
    refund: {
      entity: {
        id: 'rfnd_FS8TWyPrCsa0OB',
        entity: 'refund',
        amount: 50000,
        currency: 'INR',
        payment_id: 'pay_FPoJKWQQ8lK13n',
        notes: { comment: 'Customer Notes for Webhooks.' },
        receipt: null,
        acquirer_data: { arn: null },
        created_at: 1597734071,
        batch_id: null,
        status: 'processed',
        speed_processed: 'normal',
        speed_requested: 'optimum',
      },
    },
    payment: {
      entity: { ...razorpayCaptured.payload.payment.entity, id: 'pay_FPoJKWQQ8lK13n', amount: 500000, amount_refunded: 190000, refund_status: 'partial' },
    },
  },
  created_at: 1597734071,
} as const satisfies RazorpayEventEnvelope<'refund.processed', RazorpayPayloadOf<'refund.processed'>>

/** conekta/openapi `mocks/conekta_api.json`: a `charge.paid` event (its `webhook_logs` left out). */
const conektaChargePaid = {
  data: {
    object: {
      id: '637e79c970d06300013ea159',
      livemode: true,
      created_at: 1669233098,
      currency: 'MXN',
      device_fingerprint: 'FIBd3eKUhff43QLEp6xZ',
      channel: {
        segment: 'Checkout',
        checkout_request_id: 'bc2b88ae-1d9e-4916-9670-a4912ac23a5c',
        checkout_request_type: 'HostedPayment',
        id: 'channel_2su3G4HrprjUHyEq8',
      },
      payment_method: {
        name: 'sarasa saarasa',
        exp_month: '12',
        exp_year: '25',
        auth_code: '377951',
        object: 'card_payment',
        type: 'debit',
        last4: '5454',
        brand: 'mastercard',
        issuer: '',
        account_type: '',
        country: 'US',
        fraud_indicators: [],
      },
      object: 'charge',
      description: 'Payment from order',
      status: 'paid',
      amount: 20000,
      paid_at: 1669233099,
      fee: 796,
      customer_id: 'cus_2ss5YAeTKuEr5M4fD',
      order_id: 'ord_2su3ENUyByXnjb15N',
    },
    previous_attributes: {},
  },
  livemode: true,
  webhook_status: 'successful',
  id: '637e79cb70d06300013ea161',
  object: 'event',
  type: 'charge.paid',
  created_at: 1669233099,
} as const satisfies ConektaEventEnvelope<'charge.paid', ConektaEventDataOf<'charge.paid'>>

/** Conekta's `webhook_ping` (its `data` as in `event_response.yml`). */
const conektaPing = {
  id: '6307a60c41de27127515a575',
  object: 'event',
  type: 'webhook_ping',
  livemode: true,
  created_at: 1661445644,
  data: { action: 'ping', livemode: true },
} as const satisfies ConektaEventEnvelope<'webhook_ping', ConektaPingData>

/** docs.calypso.finance, "Webhook payload": the example delivery. */
const calypsoInvoiceCreated = {
  requestId: 'bf9348b7-2c14-46d7-868c-b597852da319',
  id: 1,
  createdDate: '2022-03-15T12:13:05.909616',
  level: 'SUCCESS',
  service: 'INVOICE',
  eventType: 'INVOICE_CREATE_INVOICE',
  data: {
    parentExternalId: 3,
    amount: 0.01,
    currency: 'ETH',
    fiatcurrency: 'USD',
    message: 'Invoice example',
    createdDate: '2022-03-15T12:13:03.157015',
    type: 'INVOICE_CREATE_INVOICE',
    idempotencyKey: '5b0ca8da-6af4-4a1c-9efd-5cbfc19ace09',
  },
} as const satisfies CalypsoDeliveryEnvelope<'INVOICE_CREATE_INVOICE', CalypsoInvoiceCreatedData>

const RAZORPAY_SECRET = 'whsec_payloads_test'
const conektaKeys = generateConektaKeyPair()
const CALYPSO = { publicKey: 'pk_payloads_test', secretKey: 'sk_payloads_test_0123' }
const receiver = () =>
  createReceiver([
    razorpayVerifier({ secrets: RAZORPAY_SECRET }),
    conektaVerifier({ publicKeys: conektaKeys.publicKey }),
    calypsoVerifier({ secrets: { [CALYPSO.publicKey]: CALYPSO.secretKey } }),
  ])

describe('the documented samples verify and read through the typed paths', () => {
  it('Razorpay: payment.captured and refund.processed', async () => {
    const verifier = razorpayVerifier({ secrets: RAZORPAY_SECRET })
    const captured = signRazorpayDelivery({ payload: razorpayCaptured, secret: RAZORPAY_SECRET })
    const event = await verifyOrThrow(verifier, captured.body, captured.headers)
    if (event.type !== 'payment.captured') throw new Error(`expected payment.captured, got ${event.type}`)
    expect([event.data.payment.entity.amount, event.data.payment.entity.status, event.data.payment.entity.order_id]).toEqual([
      100,
      'captured',
      'order_DESlLckIVRkHWj',
    ])
    expect(event.data.order).toBeUndefined()

    const refunded = signRazorpayDelivery({ payload: razorpayRefunded, secret: RAZORPAY_SECRET })
    const refund = await verifyOrThrow(verifier, refunded.body, refunded.headers)
    if (refund.type !== 'refund.processed') throw new Error(`expected refund.processed, got ${refund.type}`)
    expect([refund.data.refund.entity.amount, refund.data.refund.entity.speed_processed, refund.data.payment.entity.refund_status]).toEqual([
      50000,
      'normal',
      'partial',
    ])
  })

  it('Conekta: charge.paid with a card, and the ping without an object', async () => {
    const verifier = conektaVerifier({ publicKeys: conektaKeys.publicKey })
    const paid = signedConektaDelivery(JSON.stringify(conektaChargePaid), conektaKeys.privateKey)
    const event = await verifyOrThrow(verifier, paid.body, paid.headers)
    if (event.type !== 'charge.paid') throw new Error(`expected charge.paid, got ${event.type}`)
    const method = event.data.object.payment_method
    expect([event.data.object.amount, event.data.object.order_id, method?.object === 'card_payment' ? method.last4 : undefined]).toEqual([
      20000,
      'ord_2su3ENUyByXnjb15N',
      '5454',
    ])

    const ping = signedConektaDelivery(JSON.stringify(conektaPing), conektaKeys.privateKey)
    const pinged = await verifyOrThrow(verifier, ping.body, ping.headers)
    if (pinged.type !== 'webhook_ping') throw new Error(`expected webhook_ping, got ${pinged.type}`)
    expect([pinged.data.action, pinged.data.object]).toEqual(['ping', undefined])
  })

  it('Calypso: INVOICE_CREATE_INVOICE', async () => {
    const delivery = signCalypsoDelivery(calypsoInvoiceCreated, CALYPSO)
    const event = await verifyOrThrow(calypsoVerifier({ secrets: { [CALYPSO.publicKey]: CALYPSO.secretKey } }), delivery.body, delivery.headers)
    if (event.type !== 'INVOICE_CREATE_INVOICE') throw new Error(`expected INVOICE_CREATE_INVOICE, got ${event.type}`)
    expect([event.data.amount, event.data.currency, event.data.parentExternalId, event.service]).toEqual([0.01, 'ETH', 3, 'INVOICE'])
  })

  it('through one receiver, narrowed by provider then by event', async () => {
    const amounts = []
    const deliveries = [
      signRazorpayDelivery({ payload: razorpayCaptured, secret: RAZORPAY_SECRET }),
      signedConektaDelivery(
        JSON.stringify({ ...conektaChargePaid, type: 'order.paid', data: { object: { id: 'ord_1', object: 'order', amount: 4321 } } }),
        conektaKeys.privateKey,
      ),
      signCalypsoDelivery(calypsoInvoiceCreated, CALYPSO),
    ]
    const r = receiver()
    for (const d of deliveries) {
      const result = await r.receiveRaw(d.body, d.headers)()
      if (result._tag === 'Left') throw new Error(result.left.message)
      amounts.push(received(result.right))
    }
    expect(amounts).toEqual([100, 4321, 0.01])
  })

  it('an event outside the catalog arrives unchanged, with its marked name', async () => {
    const body = { ...razorpayCaptured, event: 'payout.processed', contains: ['payout'], payload: { payout: { entity: { id: 'pout_1', entity: 'payout' } } } }
    const delivery = signRazorpayDelivery({ payload: body, secret: RAZORPAY_SECRET })
    const event = await verifyOrThrow(razorpayVerifier({ secrets: RAZORPAY_SECRET }), delivery.body, delivery.headers)
    expect(event.type === uncatalogued('payout.processed')).toBe(true)
    if (event.type !== uncatalogued('payout.processed')) throw new Error('expected the uncatalogued event')
    expect(event.data.payout?.entity.id).toBe('pout_1')
  })
})
