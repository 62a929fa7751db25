using FluentValidation;
using FsCheck;
using FsCheck.Fluent;
using MagSleep.Api.Features.Guidance;
using MagSleep.Api.Features.Magnesium;
using MagSleep.Api.Features.Screening;
using MagSleep.Api.Infrastructure;
using MagSleep.Core.Rules;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MagSleep.Tests.Api;

/// <summary>
/// Guidance adds its parts' rules in place, and checks the items of a list in one rule. The definition it must match
/// is the plain way: each part checked by its own child validator, each item of a list by RuleForEach. Both run over
/// generated requests, valid and not, and must fail alike, in the same order.
/// </summary>
public class PartRulesTests
{
    private static readonly ContentStore Store = LoadedStore();

    private static ContentStore LoadedStore()
    {
        var store = new ContentStore(Options.Create(new ContentOptions { Path = TestContent.RealContentDirectory, Watch = false }),
            new HostingEnvironment { ContentRootPath = AppContext.BaseDirectory }, TimeProvider.System, NullLogger<ContentStore>.Instance);
        store.Load();
        return store;
    }

    private static readonly Gen<int?> Count = Gen.Frequency(
        (1, Gen.Constant<int?>(null)), (1, Gen.Choose(-5, -1).Select(n => (int?)n)), (6, Gen.Choose(0, 40).Select(n => (int?)n)),
        (1, Gen.Elements<int?>(720, 721, 7, 8, 36500, 36501, 120, 121, int.MaxValue, int.MinValue)));

    private static readonly Gen<IReadOnlyList<string>?> Ids = Gen.Frequency(
        (2, Gen.Constant<IReadOnlyList<string>?>(null)),
        (3, Gen.Elements("antibiotics", "diuretics", "diabetes", "digestive-disease", "x", "", "Antibiotics", null!).ArrayOf().Select(ids => (IReadOnlyList<string>?)ids)),
        (1, Gen.Constant<IReadOnlyList<string>?>(Enumerable.Repeat("other", 17).ToArray())));

    private static readonly Gen<AssessmentRequest?> Sleep =
        Gen.Frequency(
            (1, Gen.Constant<AssessmentRequest?>(null)),
            (6, from onset in Count from wakings in Count from nights in Count from days in Count
                select (AssessmentRequest?)new AssessmentRequest(onset, wakings, nights, days)));

    private static readonly Gen<ProfileRequest?> Profile =
        Gen.Frequency(
            (1, Gen.Constant<ProfileRequest?>(null)),
            (6, from age in Count from medications in Ids from conditions in Ids
                select (ProfileRequest?)new ProfileRequest(age, Medications: medications, Conditions: conditions)));

    private static readonly Gen<DoseRequest?> Dose =
        Gen.Frequency(
            (2, Gen.Constant<DoseRequest?>(null)),
            (5, from amount in Gen.Elements<double?>(null, -1, 0, 0.001, 250, 10_000, 10_000.5, double.NaN)
                from basis in Gen.Elements(Enum.GetValues<AmountBasis>())
                from form in Gen.Elements<string?>(null, "glycinate", "oxide", "x", "")
                select (DoseRequest?)new DoseRequest(amount, basis, form)));

    [Fact]
    public void GuidanceFailsExactlyAsChildValidatorsForEachPartWould()
    {
        var inPlace = new GuidanceRequestValidator(Store);
        var children = new ChildValidatorsGuidance();
        var requests = from sleep in Sleep from profile in Profile from dose in Dose select new GuidanceRequest(sleep, profile, dose);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000), Prop.ForAll(requests.ToArbitrary(), request =>
            Assert.Equal(Failures(children.Validate(request)), Failures(inPlace.Validate(request)))));
    }

    [Fact]
    public void APartsFieldsAreNamedUnderThePart()
    {
        var request = new GuidanceRequest(new AssessmentRequest(10, 99, 3, 30), new ProfileRequest(30, Medications: ["antibiotics", "x"]), new DoseRequest(300, AmountBasis.Compound));
        Assert.Equal(["Sleep.NightWakings", "Profile.Medications[1]", "Dose.Form"], new GuidanceRequestValidator(Store).Validate(request).Errors.Select(e => e.PropertyName));
    }

    private static string[] Failures(FluentValidation.Results.ValidationResult result) =>
        [.. result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}")];

    private sealed class ChildValidatorsGuidance : AbstractValidator<GuidanceRequest>
    {
        public ChildValidatorsGuidance()
        {
            RuleFor(r => r.Sleep).NotNull().WithMessage("Is required.").SetValidator(new AssessmentRequestValidator(Store)!);
            RuleFor(r => r.Profile).NotNull().WithMessage("Is required.").SetValidator(new ProfileItemByItem()!);
            RuleFor(r => r.Dose).SetValidator(new DoseOnly()!).When(r => r.Dose is not null);
        }
    }

    private sealed class ProfileItemByItem : AbstractValidator<ProfileRequest>
    {
        public ProfileItemByItem()
        {
            var rules = Store.Current.Snapshot.Rules;
            RuleFor(r => r.Age).InRange(() => rules.Inputs.Dose.Age, "years");
            RuleFor(r => r.Medications).MaxItems(16);
            RuleForEach(r => r.Medications).OneOf(() => rules.MedicationIds);
            RuleFor(r => r.Conditions).MaxItems(16);
            RuleForEach(r => r.Conditions).OneOf(() => rules.ConditionIds);
        }
    }

    private sealed class DoseOnly : AbstractValidator<DoseRequest>
    {
        public DoseOnly() => this.RulesFor(r => r, dose => dose.AddDoseRules(Store));
    }
}
