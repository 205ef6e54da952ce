-- A signed-in user's government scope in SQL (lib/domain/regions.ts RegionScope): the region and every region below
-- it, breadth-first with each level by id (as regionAndBelow orders it), and the region above it. Every API request
-- with a token and every page of a signed-in user reads it; before, each read the whole region tree (a row per
-- government: 211 for a province) and cut the scope from it in JavaScript — at 300 figure writes a second, a JSON
-- aggregate of the tree per write.
-- A region that does not exist has an empty scope; a cycle in the tree (which nothing writes) cannot widen one: each
-- region is taken once (its path so far is checked).
CREATE FUNCTION "luoshi_region_scope"(p_region_id text) RETURNS TABLE ("below" text[], "parentId" text)
LANGUAGE sql STABLE AS $$
  WITH RECURSIVE "tree"("id", "depth", "path") AS (
    SELECT r."id", 0, ARRAY[r."id"] FROM "Region" r WHERE r."id" = p_region_id
    UNION ALL
    SELECT c."id", t."depth" + 1, t."path" || c."id"
    FROM "tree" t JOIN "Region" c ON c."parentId" = t."id"
    WHERE NOT c."id" = ANY (t."path")
  )
  SELECT coalesce((SELECT array_agg(t."id" ORDER BY t."depth", t."id" COLLATE "C") FROM "tree" t), '{}'),
         (SELECT r."parentId" FROM "Region" r WHERE r."id" = p_region_id)
$$;
