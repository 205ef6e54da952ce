// The migrations are the schema: a database built by prisma/migrations must be exactly what schema.prisma
// describes, as judged by Prisma's own schema engine (the diff `prisma migrate diff` would print is empty).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffDatabaseToSchema, diffMigrationsToSchema } from "../scripts/lib/schema-engine";
import { createTestDatabase, type TestDatabase } from "../test/db";

describe("prisma/migrations against schema.prisma", () => {
  let migrated: TestDatabase;
  beforeAll(async () => {
    migrated = await createTestDatabase();
  });
  afterAll(async () => {
    await migrated.drop();
  });

  it("the migrated database matches schema.prisma", async () => {
    expect(await diffDatabaseToSchema(migrated.url)).toBe("");
  });

  it("replaying the migration history yields schema.prisma (run `npm run migrate:new -- <name>` if not)", async () => {
    expect(await diffMigrationsToSchema(migrated.url)).toBe("");
  });

  it("the comparison notices drift", async () => {
    const drifted = await createTestDatabase({ migrated: true });
    try {
      await drifted.db.$executeRawUnsafe('DROP INDEX "Goal_sectionId_idx"');
      await drifted.db.$executeRawUnsafe('ALTER TABLE "Plan" ALTER COLUMN "title" DROP NOT NULL');
      const diff = await diffDatabaseToSchema(drifted.url);
      expect(diff).toContain('CREATE INDEX "Goal_sectionId_idx"');
      expect(diff).toContain('ALTER COLUMN "title" SET NOT NULL');
    } finally {
      await drifted.drop();
    }
  });
});
