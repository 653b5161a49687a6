/**
 * Types only: the building block of each adapter's delivery union. A verifier yields one member per
 * catalogued event, each with its own `data` and envelope, plus one member for names outside the catalog,
 * so `event.type === 'payment.captured'` (or a `switch`) narrows the event and its payload.
 */

import type { Uncatalogued } from '../model.js'
import type { NormalizedEvent } from './verification.js'

/**
 * One member of a provider's delivery union: the event named `Name`, its `data` and its whole envelope.
 * `Name` is a catalog name, or an `Uncatalogued<…>` form for the member that takes every other name.
 */
export interface DeliveryOf<P extends string, Name extends string, Data, Raw> extends NormalizedEvent<Name, Data, Raw, P> {
  readonly type: Name
}

/**
 * The member for names outside the catalog: its `type` is marked (compare it with `uncatalogued('…')`),
 * and its `data` is typed only as far as the provider's envelope is.
 */
export type UncataloguedDeliveryOf<P extends string, Form extends string, Data, Raw> = DeliveryOf<P, Uncatalogued<Form>, Data, Raw>
