// Fastify: keep JSON bodies as a Buffer for this route's content types, then verify the bytes.
import Fastify from 'fastify'
import { handle, receiver } from './receiver.js'

export const fastify = Fastify()

fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body))

fastify.post('/webhooks', async (request, reply) => {
  const result = await receiver.receiveRaw(request.body as Buffer, request.headers)()
  if (result._tag === 'Left') return reply.code(400).send(result.left.reason)
  await handle(result.right)
  return reply.code(200).send('ok')
})
