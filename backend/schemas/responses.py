"""Response shapes, for the OpenAPI document only: the routes write these bodies themselves."""

from __future__ import annotations

from marshmallow import Schema, fields


class Usage(Schema):
    prompt_tokens = fields.Integer()
    completion_tokens = fields.Integer()


class GenerationResponse(Schema):
    text = fields.String()
    request_id = fields.String(metadata={"description": "The request's id, as in the audit record"})
    finish_reason = fields.String(metadata={"description": "stop, length or cancelled"})
    usage = fields.Nested(Usage)
    redactions = fields.Dict(keys=fields.String(), values=fields.Integer())
    readability = fields.Dict(metadata={"description": "rewrite goal plain: LIX before and after"})


class EntityOut(Schema):
    start = fields.Integer()
    end = fields.Integer()
    type = fields.String()
    placeholder = fields.String()


class RedactResponse(Schema):
    redacted = fields.String()
    entities = fields.List(fields.Nested(EntityOut))


class ReleaseFinding(Schema):
    id = fields.String(metadata={"description": "Stable within one answer: f1, f2, ... in text order"})
    start = fields.Integer(metadata={"description": "Python string index (code points) into the text"})
    end = fields.Integer()
    type = fields.String(metadata={"description": "A personal-data type (PERSON, PERSONNUMMER, ...) or a "
                                                  "sensitive category in capitals (HEALTH, SOCIAL_SERVICES, ...)"})
    category = fields.String(metadata={"description": "personal_data, health, social_services, crime, ethnicity, "
                                                      "religion, sexual_life, trade_union, political_opinion, "
                                                      "protected_identity, school_welfare or third_party"})
    reason = fields.String(metadata={"description": "Why it may need masking, in Swedish"})
    provision = fields.String(metadata={"description": "A candidate OSL provision for the area: a suggestion "
                                                       "for the case officer to judge, never a decision"})


class ReleaseReviewResponse(Schema):
    findings = fields.List(fields.Nested(ReleaseFinding))


class ProblemSchema(Schema):
    type = fields.String()
    title = fields.String()
    status = fields.Integer()
    detail = fields.String()
    code = fields.String()
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))
    retry_after = fields.Integer()
    limit = fields.Integer(metadata={"description": "The limit that was passed (text_too_long, templates)"})


class RedactionConfig(Schema):
    allow_unmask = fields.Boolean(metadata={"description": "Whether users may unmask detected spans "
                                                           "(KOLLEGA_REDACTION_ALLOW_UNMASK)"})


class AuthConfig(Schema):
    mode = fields.String()
    client_id = fields.String(allow_none=True)
    scope = fields.String(allow_none=True)
    authority = fields.String(allow_none=True)
    redaction = fields.Nested(RedactionConfig)


class DevToken(Schema):
    access_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer()


class ReadabilityFindingOut(Schema):
    kind = fields.String(metadata={"description": "long_sentence, hard_sentence, very_hard_sentence, officialese, "
                                                  "noun_heavy, noun_cluster, passive, abbreviation, legal_term, "
                                                  "no_direct_address, or a decision check (decision_…)"})
    start = fields.Integer()
    end = fields.Integer()
    message = fields.String()
    suggestion = fields.String(allow_none=True)


class ReadabilityResponse(Schema):
    lix = fields.Float()
    band = fields.String()
    band_label = fields.String()
    words = fields.Integer()
    sentences = fields.Integer()
    long_words = fields.Integer()
    mean_sentence_length = fields.Float()
    addresses_reader = fields.Boolean()
    ovix = fields.Float(allow_none=True, metadata={"description": "word variation; null under 100 words"})
    ovix_band = fields.String(allow_none=True)
    ovix_label = fields.String(allow_none=True)
    nominal_ratio = fields.Float(allow_none=True, metadata={"description": "nominalkvot; null without enough verbs"})
    nominal_band = fields.String(allow_none=True)
    nominal_label = fields.String(allow_none=True)
    is_decision = fields.Boolean(metadata={"description": "the text reads as a decision letter"})
    findings = fields.List(fields.Nested(ReadabilityFindingOut))
