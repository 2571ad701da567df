import { cookies, headers } from 'next/headers';
import { after } from 'next/server';

import { loadStats, track } from '../../../lib/services.js';

export default async function DashboardPage() {
  const stats = await loadStats('me');

  // BUG: in a Server Component, cookies() inside after() throws once the page has rendered.
  after(async () => {
    const theme = (await cookies()).get('theme')?.value;
    await track('dashboard.viewed', { theme });
  });

  // OK: read while rendering, then hand the value to after().
  const ua = (await headers()).get('user-agent') ?? 'unknown';
  after(() => track('dashboard.rendered', { ua }));

  return <main>{stats.orders} orders</main>;
}
