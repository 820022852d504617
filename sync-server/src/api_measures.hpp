#pragma once
// Internal: the coordinator endpoints for measures (åtgärder) and safety walks. Measures are
// editable records (docs/editable-records.md): every dashboard edit is merged per field with
// what devices pushed, and each answer carries the fields in conflict with their rival values.

#include "api_context.hpp"

namespace td::server {

/// GET /api/v1/measures?status=&walk= — {"measures": [MeasureItem]} ordered by id.
HttpResponse listMeasures(RequestContext& ctx);
/// POST /api/v1/measures — a new measure (id optional: a UUIDv7 is assigned). 201 MeasureItem.
HttpResponse createMeasure(RequestContext& ctx);
/// GET /api/v1/measures/{id} — one MeasureItem.
HttpResponse getMeasure(RequestContext& ctx);
/// PATCH /api/v1/measures/{id} — {"base_rev"?, <field>: value|null …}: the named fields change,
/// applied to version base_rev (what the editor saw; default the current one) and merged.
/// 422 `invalid_transition` / `rejection_reason_required`, 409 `unknown_base_rev`.
HttpResponse updateMeasure(RequestContext& ctx);
/// POST /api/v1/observations/{id}/measures — a measure pre-filled from the observation's
/// proposed measure, note and responsible party; the body may override title, description,
/// responsible_party, priority, deadline, focus_area. 201 MeasureItem.
HttpResponse createMeasureFromObservation(RequestContext& ctx);

/// GET /api/v1/walks?walk= — GeoJSON: one LineString per walk, one Point per stop.
HttpResponse listWalks(RequestContext& ctx);
/// GET /api/v1/walks/{id}/report — the data of the printable walk report.
HttpResponse walkReport(RequestContext& ctx);

/// Whether a coordinator may move a measure from `from` to `to` (same status: yes).
bool isAllowedTransition(std::string_view from, std::string_view to);

} // namespace td::server
