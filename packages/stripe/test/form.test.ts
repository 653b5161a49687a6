import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formDecode } from '../src/fake/form.js'
import { formEncode } from '../src/form.js'

describe('formEncode and the fake reading it back', () => {
  it('encodes arrays by index and objects by key, leaves out undefined, and sends null as an empty value', () => {
    expect(
      formEncode({
        url: 'https://a.example.com/?q=1&r=2',
        enabled_events: ['a.b', 'c.d'],
        metadata: { k: 'v w', gone: null },
        skip: undefined,
        connect: false,
      }),
    ).toBe('url=https%3A%2F%2Fa.example.com%2F%3Fq%3D1%26r%3D2&enabled_events[0]=a.b&enabled_events[1]=c.d&metadata[k]=v%20w&metadata[gone]=&connect=false')
    expect(formEncode({ metadata: {} })).toBe('metadata=')
  })

  it('round-trips any parameters of the shapes Stripe takes', () => {
    // `__proto__` is refused by the fake (the next test), so it is no key of the shapes to round-trip.
    const key = fc.oneof(fc.stringMatching(/^[a-z_]{1,12}$/), fc.constantFrom('constructor', 'toString', 'hasOwnProperty')).filter((k) => k !== '__proto__')
    const value = fc.string({ minLength: 1, maxLength: 20 })
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.oneof(value, fc.array(value, { minLength: 1, maxLength: 4 }), fc.dictionary(key, value, { minKeys: 1, maxKeys: 4 }))),
        (params) => {
          expect(formDecode(formEncode(params))).toEqual(params)
        },
      ),
    )
  })

  it('refuses keys that contradict each other or are not well formed', () => {
    expect(() => formDecode('a=1&a[b]=2')).toThrow(TypeError)
    expect(() => formDecode('a[b=1')).toThrow(/Invalid parameter name/)
    expect(() => formDecode('metadata[__proto__][x]=1')).toThrow(/Invalid parameter name/)
    expect(formDecode('a[]=x&a[]=y')).toEqual({ a: ['x', 'y'] })
  })
})
