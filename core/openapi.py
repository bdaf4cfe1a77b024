"""OpenAPI text shared by every app's operations."""


def file_response(media_type: str, description: str, example, schema: dict | None = None) -> dict:
    """OpenAPI for an operation whose 200 answer is a file (text by default)."""
    schema = schema or {"type": "string"}
    return {
        "responses": {
            "200": {
                "description": description,
                "headers": {
                    "Content-Disposition": {
                        "description": (
                            "attachment; filename=\"…\" (ASCII: Chinese as pinyin); "
                            "filename*=utf-8''… (the real name)"
                        ),
                        "schema": {"type": "string"},
                    }
                },
                "content": {media_type: {"schema": schema, "example": example}},
            }
        }
    }
