using CleanLedger.Application.Common.Messaging;
using Mediator;

namespace CleanLedger.Architecture.Tests;

/// <summary>Conventions every use case follows, so a new one cannot forget its scope.</summary>
public sealed class MessageConventionTests
{
    private static readonly Type[] ApplicationTypes = typeof(Application.DependencyInjection).Assembly.GetTypes();

    private static readonly Type[] Scopes = [typeof(IOrgScoped), typeof(IUserScoped), typeof(IPlatformAdminScoped), typeof(ICredentialScoped)];

    public static TheoryData<string> Messages() =>
        new(ApplicationTypes.Where(type => typeof(IMessage).IsAssignableFrom(type) && !type.IsInterface).Select(type => type.FullName!));

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_message_declares_exactly_one_scope(string message)
    {
        var type = ApplicationTypes.Single(candidate => candidate.FullName == message);

        Scopes.Count(scope => scope.IsAssignableFrom(type)).ShouldBe(1, $"{type.Name} must implement exactly one of IOrgScoped, IUserScoped, IPlatformAdminScoped, ICredentialScoped.");
    }

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
