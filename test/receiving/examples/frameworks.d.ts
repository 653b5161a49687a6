// The few framework types the examples use, so they type-check without installing Express, Fastify or
// Hono here. The shapes follow each framework's own typings for these calls.
declare module 'express' {
  export interface Request {
    body: Uint8Array
    headers: Readonly<Record<string, string | string[] | undefined>>
  }
  export interface Response {
    status(code: number): Response
    send(body: string): Response
    sendStatus(code: number): Response
  }
  export type Handler = (req: Request, res: Response) => unknown
  export interface Express {
    post(path: string, ...handlers: Handler[]): void
  }
  export interface ExpressFn {
    (): Express
    raw(options: { type: string }): Handler
  }
  const express: ExpressFn
  export default express
}

declare module 'fastify' {
  export interface FastifyRequest {
    body: unknown
    headers: Readonly<Record<string, string | string[] | undefined>>
  }
  export interface FastifyReply {
    code(status: number): FastifyReply
    send(body: string): FastifyReply
  }
  export interface FastifyInstance {
    addContentTypeParser(
      type: string,
      options: { parseAs: 'buffer' },
      parser: (request: FastifyRequest, body: Uint8Array, done: (error: Error | null, body?: unknown) => void) => void,
    ): void
    post(path: string, handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>): void
  }
  export default function Fastify(): FastifyInstance
}

declare module 'hono' {
  export interface Context {
    req: { raw: Request }
    text(text: string, status?: number): Response
  }
  export class Hono {
    post(path: string, handler: (c: Context) => Promise<Response>): void
  }
}
