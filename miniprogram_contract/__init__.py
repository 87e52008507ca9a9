"""The published contract: OpenAPI document, error-code catalogue, TypeScript types."""
