using FsCheck;
using FsCheck.Fluent;
using MagSleep.Core.Rules;

namespace MagSleep.Tests.Rules;

/// <summary>Generated in-range engine inputs in both languages, shared by the property tests.</summary>
internal static class RuleInputs
{
    public static readonly Gen<bool?> OptionalFlag = Gen.Elements<bool?>(null, false, true);

    public static readonly Gen<SleepAnswers> SleepGen =
        from onset in Gen.Choose(0, 720)
        from wakings in Gen.Choose(0, 30)
        from nights in Gen.Choose(0, 7)
        from days in Gen.Frequency((3, Gen.Choose(0, 400)), (1, Gen.Choose(0, 36500)))
        from flags in Gen.ArrayOf(Gen.Elements(false, true), 3)
        from optional in Gen.ArrayOf(OptionalFlag, 7)
        select new SleepAnswers(onset, wakings, nights, days, flags[0], flags[1], flags[2],
            optional[0], optional[1], optional[2], optional[3], optional[4], optional[5], optional[6]);

    public static readonly Gen<PersonProfile> ProfileGen =
        from age in Gen.Frequency((1, Gen.Choose(0, 17)), (3, Gen.Choose(18, 120)))
        from sex in Gen.Elements(Enum.GetValues<Sex>())
        from flags in Gen.ArrayOf(Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true))), 3)
        from medications in Gen.Frequency((2, Gen.Constant<IReadOnlyList<string>>([])), (1, Gen.SubListOf(RuleSetFiles.Engine.MedicationIds.ToArray()).Select(l => (IReadOnlyList<string>)l.ToArray())))
        from conditions in Gen.Frequency((2, Gen.Constant<IReadOnlyList<string>>([])), (1, Gen.SubListOf(RuleSetFiles.Engine.ConditionIds.ToArray()).Select(l => (IReadOnlyList<string>)l.ToArray())))
        select new PersonProfile(age, sex, flags[0], flags[1], flags[2], medications, conditions);

    public static readonly Gen<double> AmountGen = Gen.OneOf(
        Gen.Choose(1, 10_000_000).Select(micrograms => micrograms / 1000.0),
        Gen.Elements(0.001, 199, 199.999, 200, 350, 350.001, 351, 400, 400.001, 401, 599, 600, 800, 800.001, 801, 10_000.0),
        Gen.Choose(150, 900).Select(mg => (double)mg));

    public static readonly Gen<DoseAmount> DoseGen =
        from amount in AmountGen
        from compound in Gen.Elements(false, true)
        from form in Gen.Elements(RuleSetFiles.Engine.FormIds.ToArray())
        from giveForm in Gen.Elements(false, true)
        select compound ? new DoseAmount(amount, AmountBasis.Compound, form) : new DoseAmount(amount, AmountBasis.Elemental, giveForm ? form : null);

    public static readonly Gen<string> LanguageGen = Gen.Elements("en", "zh-CN");
}
