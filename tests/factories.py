import datetime

import factory
from factory.django import DjangoModelFactory

from api_human.core.models import (
    Engagement,
    EngagementMembership,
    Organization,
    Role,
    Team,
    TeamMember,
    User,
    World,
)


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    world = World.DIGITAL
    kind = Organization.Kind.STARTUP


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"First{n}")
    last_name = "Person"
    role = Role.TEAM
    password = factory.django.Password("correct horse battery")


class EngagementFactory(DjangoModelFactory):
    class Meta:
        model = Engagement
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Engagement {n}")
    change_object_kind = Engagement.ChangeObjectKind.SOCIAL_ISSUE
    change_object = "Loneliness of older people"
    start_date = datetime.date(2024, 1, 1)
    status = Engagement.Status.ACTIVE

    @factory.post_generation
    def stage_phases(engagement, create, extracted, **kwargs):
        if create:
            from stages.services import stage_phases_ensure

            stage_phases_ensure(engagement=engagement)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = EngagementMembership

    engagement = factory.SubFactory(EngagementFactory)
    user = factory.SubFactory(UserFactory)
    role = EngagementMembership.Role.MEMBER
    world = World.DIGITAL
    valid_from = datetime.date(2024, 1, 1)


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    engagement = factory.SubFactory(EngagementFactory)
    kind = Team.Kind.STEERING_COMMITTEE
    name = factory.Sequence(lambda n: f"Team {n}")


class TeamMemberFactory(DjangoModelFactory):
    class Meta:
        model = TeamMember

    team = factory.SubFactory(TeamFactory)
    full_name = factory.Sequence(lambda n: f"Member {n}")
    world = World.WELFARE
