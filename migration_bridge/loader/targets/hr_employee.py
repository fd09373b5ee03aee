"""Employees (the Employees app, ``hr``): a source's field workers, staff or КЭДО
employees as ``hr.employee`` records."""

from .base import TargetAdapter


class HrEmployeeAdapter(TargetAdapter):
    """A new employee whose row names no Odoo user is linked to the user its work email
    is (login or email, archived users too), when that user is no other employee's in
    the company: Odoo allows one employee per user and company. An update never
    changes the user an employee has in Odoo."""

    model = "hr.employee"

    def __init__(self, ctx, Model):
        super().__init__(ctx, Model)
        self._taken = None

    def create_defaults(self, vals):
        if vals.get("user_id") or not vals.get("work_email"):
            return {}
        user = self._user_of(vals["work_email"])
        if not user:
            return {}
        self._taken.add(user.id)
        return {"user_id": user.id}

    def _user_of(self, email):
        Users = self.env["res.users"].sudo().with_context(active_test=False)
        email = email.strip().lower()
        user = Users.search(["|", ("login", "=ilike", email), ("email", "=ilike", email)], limit=1)
        if self._taken is None:
            employees = self.env["hr.employee"].sudo().with_context(active_test=False)
            company = self.env.company
            self._taken = set(
                employees.search([("company_id", "=", company.id), ("user_id", "!=", False)])
                .mapped("user_id")
                .ids
            )
        return user if user and user.id not in self._taken else Users.browse()
