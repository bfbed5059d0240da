"""The flows that `legalcap serve` and prefect.yaml deploy: the scheduled daily tick."""

from prefect import flow

from flows.tick import daily_tick
from flows.today import scheduled_today


@flow(name="scheduled-daily-tick")
def scheduled_tick(year: int | None = None) -> None:
    """Run the tick for today in Beijing time (LEGALCAP_TODAY may set a simulated day)."""
    daily_tick(as_of=scheduled_today(), year=year)
