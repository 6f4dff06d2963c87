using ImeiGuard.Protocols.Location;

namespace ImeiGuard.Protocols.Chf;

/// <summary>The request-level members of a ChargingDataRequest.</summary>
internal ref partial struct ChfDocumentParser
{
    /// <summary>
    /// TS 32.291 V17.9.0 (OpenAPI Nchf_ConvergedCharging 3.1.6) ChargingDataRequest. Required:
    /// nfConsumerIdentification, invocationTimeStamp, invocationSequenceNumber.
    /// </summary>
    private bool ReadRequest()
    {
        const int Supi = 0, NfConsumer = 1, TimeStamp = 2, SequenceNumber = 3, ChargingId = 4, UnitUsage = 5, PduSession = 6;
        uint seen = 0;
        while (true)
        {
            if (!NextMember(out var end))
            {
                return false;
            }

            if (end)
            {
                break;
            }

            var member =
                _json.ValueTextEquals("subscriberIdentifier"u8) ? Supi :
                _json.ValueTextEquals("nfConsumerIdentification"u8) ? NfConsumer :
                _json.ValueTextEquals("invocationTimeStamp"u8) ? TimeStamp :
                _json.ValueTextEquals("invocationSequenceNumber"u8) ? SequenceNumber :
                _json.ValueTextEquals("chargingId"u8) ? ChargingId :
                _json.ValueTextEquals("multipleUnitUsage"u8) ? UnitUsage :
                _json.ValueTextEquals("pDUSessionChargingInformation"u8) ? PduSession : -1;
            if (!TakeMember(member, ref seen, out var take))
            {
                return false;
            }

            if (!take)
            {
                continue;
            }

            var ok = member switch
            {
                Supi => ReadSupi(),
                NfConsumer => ReadNfConsumerIdentification(),
                TimeStamp => ReadInvocationTimeStamp(),
                SequenceNumber => ReadUInt32(out Record.InvocationSequenceNumber, out _),
                ChargingId => ReadUInt32(out Record.RequestChargingId, out Record.HasRequestChargingId),
                UnitUsage => ReadMultipleUnitUsage(),
                _ => ReadPduSessionChargingInformation(),
            };
            if (!ok)
            {
                return false;
            }
        }

        Require(seen, (1u << NfConsumer) | (1u << TimeStamp) | (1u << SequenceNumber));
        return true;
    }

    private bool ReadSupi()
    {
        if (!ReadString(out var text, out var has))
        {
            return false;
        }

        if (has && ChfIdentities.ParseSupi(text, ref Record) is var error and not ChfParseError.None)
        {
            Flag(error);
        }

        return true;
    }

    /// <summary>TS 32.291 NFIdentification: only its presence matters here, and its required nodeFunctionality.</summary>
    private bool ReadNfConsumerIdentification()
    {
        if (!BeginObject(out var isObject) || !isObject)
        {
            return CanContinue;
        }

        const int NodeFunctionality = 0;
        uint seen = 0;
        while (true)
        {
            if (!NextMember(out var end))
            {
                return false;
            }

            if (end)
            {
                break;
            }

            var member = _json.ValueTextEquals("nodeFunctionality"u8) ? NodeFunctionality : -1;
            if (!TakeMember(member, ref seen, out var take) || (take && !SkipString()))
            {
                return false;
            }
        }

        Require(seen, 1u << NodeFunctionality);
        Record.HasNfConsumerIdentification = true;
        return true;
    }

    /// <summary>TS 29.571 §5.2 DateTime: RFC 3339 date-time, so a time and an explicit offset are both required.</summary>
    private bool ReadInvocationTimeStamp()
    {
        if (!ReadString(out var text, out var has))
        {
            return false;
        }

        if (!has)
        {
            return true;
        }

        // The reader's ISO 8601 parser also takes a bare date or a time without offset; RFC 3339 does not.
        var shaped = text.Length >= 20 && text[10] == (byte)'T' &&
            (text[^1] == (byte)'Z' || (text[^6] is (byte)'+' or (byte)'-' && text[^3] == (byte)':'));
        if (shaped && _json.TryGetDateTimeOffset(out var time))
        {
            Record.InvocationTimeUnixMs = time.ToUnixTimeMilliseconds();
        }
        else
        {
            Flag(ChfParseError.SchemaFormatMismatch);
        }

        return true;
    }

    /// <summary>TS 32.291 MultipleUnitUsage[]: ratingGroup (required, TS 29.571 RatingGroup = Uint32) and usedUnitContainer[].</summary>
    private bool ReadMultipleUnitUsage()
    {
        if (!BeginArray(out var isArray) || !isArray)
        {
            return CanContinue;
        }

        while (true)
        {
            if (!NextElement(out var end))
            {
                return false;
            }

            if (end)
            {
                return true;
            }

            if (!BeginObject(out var isObject))
            {
                return false;
            }

            if (!isObject)
            {
                continue;
            }

            const int RatingGroup = 0, UsedUnitContainer = 1;
            uint seen = 0;
            while (true)
            {
                if (!NextMember(out var endOfUsage))
                {
                    return false;
                }

                if (endOfUsage)
                {
                    break;
                }

                var member =
                    _json.ValueTextEquals("ratingGroup"u8) ? RatingGroup :
                    _json.ValueTextEquals("usedUnitContainer"u8) ? UsedUnitContainer : -1;
                if (!TakeMember(member, ref seen, out var take))
                {
                    return false;
                }

                var ok = !take || (member == RatingGroup ? ReadUInt32(out _, out _) : ReadUsedUnitContainers());
                if (!ok)
                {
                    return false;
                }
            }

            Require(seen, 1u << RatingGroup);
        }
    }

    /// <summary>TS 32.291 UsedUnitContainer[]: localSequenceNumber (required, integer) and pDUContainerInformation.</summary>
    private bool ReadUsedUnitContainers()
    {
        if (!BeginArray(out var isArray) || !isArray)
        {
            return CanContinue;
        }

        while (true)
        {
            if (!NextElement(out var end))
            {
                return false;
            }

            if (end)
            {
                return true;
            }

            if (!BeginObject(out var isObject))
            {
                return false;
            }

            if (!isObject)
            {
                continue;
            }

            const int LocalSequenceNumber = 0, PduContainer = 1;
            uint seen = 0;
            while (true)
            {
                if (!NextMember(out var endOfContainer))
                {
                    return false;
                }

                if (endOfContainer)
                {
                    break;
                }

                var member =
                    _json.ValueTextEquals("localSequenceNumber"u8) ? LocalSequenceNumber :
                    _json.ValueTextEquals("pDUContainerInformation"u8) ? PduContainer : -1;
                if (!TakeMember(member, ref seen, out var take))
                {
                    return false;
                }

                var ok = !take || (member == LocalSequenceNumber ? SkipInteger() : ReadPduContainerInformation());
                if (!ok)
                {
                    return false;
                }
            }

            Require(seen, 1u << LocalSequenceNumber);
        }
    }

    /// <summary>TS 32.291 PDUContainerInformation: the location during the reported period (userLocationInformation).</summary>
    private bool ReadPduContainerInformation()
    {
        if (!BeginObject(out var isObject) || !isObject)
        {
            return CanContinue;
        }

        const int Location = 0;
        uint seen = 0;
        while (true)
        {
            if (!NextMember(out var end))
            {
                return false;
            }

            if (end)
            {
                return true;
            }

            var member = _json.ValueTextEquals("userLocationInformation"u8) ? Location : -1;
            if (!TakeMember(member, ref seen, out var take))
            {
                return false;
            }

            if (take)
            {
                if (!ReadUserLocation(out var location))
                {
                    return false;
                }

                KeepUsedUnitLocation(location);
            }
        }
    }

    private void KeepUsedUnitLocation(in UserLocation location)
    {
        if (!location.IsPresent)
        {
            return;
        }

        if (Record.UsedUnitLocationCount < UsedUnitLocationBuffer.Capacity)
        {
            Record.UsedUnitLocations[Record.UsedUnitLocationCount++] = location;
        }
        else
        {
            Record.UsedUnitLocationsDropped++;
        }
    }
}
