"""The annotations app's API: ``operations`` holds the router of themes,
annotations, comments and suggestions; ``examples`` the OpenAPI examples."""
