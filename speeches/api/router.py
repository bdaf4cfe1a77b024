"""The speeches app's API: one router, assembled from one module per area."""

from ninja import Router

from speeches.api import compilations, editing, speakers, speeches

router = Router()
router.add_router("/", compilations.router)
router.add_router("/", speeches.router)
router.add_router("/", speakers.router)
router.add_router("/", editing.router)
