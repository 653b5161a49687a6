// `@unihook/core/testing/msw` against the installed msw's declarations (msw's types need the DOM lib).
import { mswHandler } from '@unihook/core/testing/msw'
import { createRazorpayFake } from '@unihook/razorpay/testing'
import { type HttpHandler, http } from 'msw'
import { setupServer } from 'msw/node'

const handlers: HttpHandler[] = [mswHandler(createRazorpayFake({}), 'https://api.razorpay.com'), http.get('https://example.com/', () => new Response('ok'))]
export const server = setupServer(...handlers)
