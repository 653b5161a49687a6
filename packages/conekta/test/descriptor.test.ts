import { conektaDescriptor } from '@unihook/conekta/descriptor'
import { generateConektaKeyPair } from '@unihook/conekta/testing'
import { createReceiver } from '@unihook/core'
import { describe, expect, it } from 'vitest'

describe('conektaDescriptor.samples', () => {
  it('signs a sample with a PEM private key, which verifies with its public half', async () => {
    const keys = generateConektaKeyPair()
    const signed = conektaDescriptor.samples.sign('order.paid', { privateKey: keys.privateKey })
    const verifier = conektaDescriptor.verification.verifier(conektaDescriptor.verification.keysFromInput({ publicKey: [keys.publicKey] }))
    const result = await createReceiver([verifier]).receiveRaw(signed.body, new Headers(signed.headers))()
    expect(result._tag === 'Right' && result.right.event.type).toBe('order.paid')
  })

  it('refuses a private key that is not a PEM RSA key with a TypeError that does not quote it', () => {
    expect(() => conektaDescriptor.samples.sign('order.paid', { privateKey: 'not-a-key-s3cr3t' })).toThrow(TypeError)
    try {
      conektaDescriptor.samples.sign('order.paid', { privateKey: 'not-a-key-s3cr3t' })
    } catch (error) {
      expect((error as Error).message).not.toContain('s3cr3t')
    }
  })
})
