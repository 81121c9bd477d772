-- Data migration (drizzle cannot express it): before connections had ids of their own, each
-- organisation held at most one row per provider; that row becomes the provider's default.
UPDATE "connections" SET "is_default" = true WHERE "status" <> 'disconnected';
