// Small helpers shared by the integration global setup and test/db.ts.
import pg from "pg";

/** Every database the test harness creates starts with this, so leftovers of an interrupted run can be found. */
export const TEST_DATABASE_PREFIX = "luoshi_test_";

export function databaseUrl(serverUrl: string, databaseName: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.href;
}

export async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
