using System.Reflection;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using Mediator;

namespace CleanLedger.Architecture.Tests;

/// <summary>Conventions every use case follows, so a new one cannot forget its scope.</summary>
public sealed class MessageConventionTests
{
    private static readonly Type[] ApplicationTypes = typeof(Application.DependencyInjection).Assembly.GetTypes();

    private static readonly Type[] Scopes = [typeof(IOrgScoped), typeof(IUserScoped), typeof(IPlatformScoped), typeof(ICredentialScoped)];

    public static TheoryData<string> Messages() =>
        new(ApplicationTypes.Where(type => typeof(IMessage).IsAssignableFrom(type) && !type.IsInterface).Select(type => type.FullName!));

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_message_declares_exactly_one_scope(string message)
    {
        var type = ApplicationTypes.Single(candidate => candidate.FullName == message);

        Scopes.Count(scope => scope.IsAssignableFrom(type)).ShouldBe(1, $"{type.Name} must implement exactly one of IOrgScoped, IUserScoped, IPlatformScoped, ICredentialScoped.");
    }

    public static TheoryData<string> PlatformMessages() =>
        new(ApplicationTypes.Where(type => typeof(IPlatformScoped).IsAssignableFrom(type) && !type.IsInterface).Select(type => type.FullName!));

    [Theory]
    [MemberData(nameof(PlatformMessages))]
    public void Every_platform_message_needs_a_platform_permission_some_staff_role_or_the_automation_holds(string message)
    {
        var type = ApplicationTypes.Single(candidate => candidate.FullName == message);
        var permission = (PlatformPermissions)typeof(MessageConventionTests).GetMethod(nameof(RequiredPlatformPermission), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, null)!;

        permission.ShouldNotBe(PlatformPermissions.None, $"{type.Name} must need a platform permission: None would let any platform role run it.");
        Enum.GetValues<PlatformRole>().ShouldContain(role => role.Grants(permission), $"{type.Name} needs {permission}, which no platform role holds.");
    }

    private static PlatformPermissions RequiredPlatformPermission<TMessage>()
        where TMessage : IPlatformScoped => TMessage.RequiredPermission;

    [Fact]
    public void There_are_messages_to_check() => Messages().Count.ShouldBeGreaterThan(5);

    [Fact]
    public void Handlers_are_sealed_and_named_for_their_message()
    {
        var handlers = ApplicationTypes.Where(type => type.GetInterfaces().Any(face => face.IsGenericType
            && (face.GetGenericTypeDefinition() == typeof(ICommandHandler<,>) || face.GetGenericTypeDefinition() == typeof(IQueryHandler<,>))));

        handlers.ShouldNotBeEmpty();
        foreach (var handler in handlers)
        {
            handler.IsSealed.ShouldBeTrue(handler.Name);
            var message = handler.GetInterfaces().First(face => face.IsGenericType).GetGenericArguments()[0];
            handler.Name.ShouldBe($"{message.Name}Handler");
            handler.Namespace.ShouldBe(message.Namespace, $"{handler.Name} lives beside {message.Name}");
        }
    }
}
