"""Templates: saved instructions with named fields, the organisation's (tenant's) and each user's own.

Not Jinja or Flask templates, and not backend/prompts (Kollega's own prompt files): these are user content.
model: the table; fields: the `{name}` syntax; schemas: marshmallow shapes; store: tenant-scoped reads and
writes with limits; api: /api/v1/templates; use: filling a template into a draft or rewrite request.
"""
