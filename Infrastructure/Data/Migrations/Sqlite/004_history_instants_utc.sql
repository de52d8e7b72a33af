-- History written before 004 kept the serializer's default "+00:00" in the instants of its changes;
-- the API writes instants with a Z everywhere, so the stored ones are rewritten once. Only startTime
-- and endTime hold instants, and their values were always UTC.
UPDATE appointment_history
SET changes = json_set(changes, '$.startTime.from', substr(json_extract(changes, '$.startTime.from'), 1, length(json_extract(changes, '$.startTime.from')) - 6) || 'Z')
WHERE json_extract(changes, '$.startTime.from') LIKE '%+00:00';

UPDATE appointment_history
SET changes = json_set(changes, '$.startTime.to', substr(json_extract(changes, '$.startTime.to'), 1, length(json_extract(changes, '$.startTime.to')) - 6) || 'Z')
WHERE json_extract(changes, '$.startTime.to') LIKE '%+00:00';

UPDATE appointment_history
SET changes = json_set(changes, '$.endTime.from', substr(json_extract(changes, '$.endTime.from'), 1, length(json_extract(changes, '$.endTime.from')) - 6) || 'Z')
WHERE json_extract(changes, '$.endTime.from') LIKE '%+00:00';

UPDATE appointment_history
SET changes = json_set(changes, '$.endTime.to', substr(json_extract(changes, '$.endTime.to'), 1, length(json_extract(changes, '$.endTime.to')) - 6) || 'Z')
WHERE json_extract(changes, '$.endTime.to') LIKE '%+00:00';
