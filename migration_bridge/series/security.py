"""Where the addon's groups are placed on the user form, and who is in them.

17.0 and 18.0 place a group in a module category (``res.groups.category_id``) and
name its users ``users``; from 19.0 a group belongs to a privilege
(``res.groups.privilege``, itself in a category) and its users are ``user_ids``.
``security/migration_security.xml`` declares the category and the groups with the
fields every series has, then calls ``res.groups._migration_bridge_place_groups``.
"""

from . import MAJOR

#: groups are placed through a privilege (19.0 on) rather than a category
PRIVILEGES = MAJOR >= 19
#: the field of a group's users
GROUP_USERS = "user_ids" if MAJOR >= 19 else "users"


def place_groups(env, category_xmlid, group_xmlids, users_by_group):
    """Put the groups in the category (through a privilege named after it from 19.0)
    and add the users to their groups, as the XML of each series would."""
    category = env.ref(category_xmlid)
    module, _dot, name = category_xmlid.partition(".")
    placement = {"category_id": category.id}
    if PRIVILEGES:
        privilege = env["res.groups.privilege"]._load_records(
            [
                {
                    "xml_id": "%s.%s_privilege" % (module, name),
                    "values": {
                        "name": category.name,
                        "sequence": category.sequence,
                        "category_id": category.id,
                    },
                }
            ]
        )
        placement = {"privilege_id": privilege.id}
    for xmlid in group_xmlids:
        values = dict(placement)
        users = [env.ref(user).id for user in users_by_group.get(xmlid, ())]
        if users:
            values[GROUP_USERS] = [(4, user) for user in users]
        env.ref(xmlid).write(values)
