/**
 * Duplicates: webhooks of one account that share a URL. Reconciliation matches webhooks by URL, so
 * only one of them is managed; the others deliver every event a second time. Every caller picks the
 * same one to keep (the oldest, then the smallest id), so two operators resolving the same duplicates
 * at the same time keep the same webhook and delete the same others.
 */

import type { Webhook } from './model.js'

/** Orders webhooks oldest first, ties (and webhooks without a creation time) by id: a total order every operator agrees on. */
export function olderFirst(a: Webhook<string>, b: Webhook<string>): number {
  const at = a.createdAt?.getTime() ?? Number.POSITIVE_INFINITY
  const bt = b.createdAt?.getTime() ?? Number.POSITIVE_INFINITY
  if (at !== bt) return at < bt ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** The webhooks grouped by URL, each group oldest first: the first of a group is the one kept. */
export function byUrl<E extends string>(webhooks: readonly Webhook<E>[]): Map<string, Webhook<E>[]> {
  const groups = new Map<string, Webhook<E>[]>()
  for (const webhook of webhooks) {
    const group = groups.get(webhook.url)
    if (group) group.push(webhook)
    else groups.set(webhook.url, [webhook])
  }
  for (const group of groups.values()) if (group.length > 1) group.sort(olderFirst)
  return groups
}
