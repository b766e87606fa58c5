-- An update that names a template pins, per locale, the template version current when it was posted
-- ({"en": 2, "de": 1}): its deliveries and previews render those versions, so a template put afterwards does not
-- change what the update says. Immutable with the update. NULL on updates posted before pinning: the latest versions.
ALTER TABLE incident_updates ADD COLUMN template_versions jsonb;
