from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench import national


class Command(BaseCommand):
    help = (
        "Generate a national-scale data set (about 250 groups, 6,000 members, five years "
        "of meetings, recruitment, claims and messages) into an empty database. The same "
        "seed, scale and day give the same rows."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--scale", type=float, default=1.0, help="1.0 is national scale; 0.02 a few groups."
        )
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="The day the five years end at (YYYY-MM-DD); today if not given.",
        )

    def handle(self, *args, **options):
        if options["scale"] <= 0:
            raise CommandError("--scale must be more than 0")
        try:
            national.generate(
                seed=options["seed"],
                scale=options["scale"],
                today=options["today"],
                log=self.stdout.write,
            )
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would give a database that grew
            # slowly: without them the planner guesses the new tables' sizes.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            self.stdout.write("Statistics gathered (ANALYZE).")
        self.stdout.write(self.style.SUCCESS("National data set ready."))
