-- The board now takes every version at the latest counted period end (FETCH FIRST 1 ROWS WITH TIES) and lets the
-- TypeScript rule (countedVersions, latestEntry) choose among them; the SQL twin of the tie rule is no longer used.
DROP FUNCTION luoshi_period_preference(TEXT, TEXT);
