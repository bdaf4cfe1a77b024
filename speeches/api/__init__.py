"""The speeches app's API: one router, assembled from one module per area."""

from ninja import Router

router = Router()
