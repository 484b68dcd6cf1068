async def test_me_and_settings(api):
    data = await api("{ me { role permissions } settings { allowMultipleOrders orderOnStage } }")
    assert data["me"]["role"] == "ADMIN"
    assert data["settings"] == {"allowMultipleOrders": False, "orderOnStage": "CLOSED_WON"}
